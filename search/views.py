from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from search.documents import page_types
from search.engine import get_engine
from search.forms import SearchForm


def _page_error(results):
    return _("There are only %(count)d result pages.") % {"count": results.num_pages}


def _form(request):
    choices = [(key, str(model._meta.verbose_name)) for key, model in sorted(page_types().items())]
    return SearchForm(request.GET, type_choices=choices)


def _run(form):
    data = form.cleaned_data
    if not data["q"]:
        return None
    return get_engine().search(data["q"], filters={"type": data["type"]}, facets=("type",), page=data["page"])


@require_GET
def site_search(request):
    """Search every live, public page: facets by page type, highlighted snippets, pagination; no JavaScript."""
    form = _form(request)
    if not form.is_valid():
        return render(request, "search/search.html", {"form": form, "search_query": ""}, status=400)
    results = _run(form)
    if results is not None and results.page > results.num_pages and results.count:
        form.add_error("page", _page_error(results))
        return render(request, "search/search.html", {"form": form, "search_query": ""}, status=400)
    context = {
        "form": form,
        "search_query": form.cleaned_data["q"],
        "selected_types": form.cleaned_data["type"],
        "results": results,
    }
    return render(request, "search/search.html", context)


def _api_errors(errors):
    """400 in the format of every API of the site (docs/search.md): {"errors": {parameter: [message, …]}}."""
    return JsonResponse({"errors": errors}, status=400, json_dumps_params={"ensure_ascii": False})


@require_GET
def api_search(request):
    """GET /api/v1/search/?q=&type=&page= → {count, backend, page, num_pages, facets, results:[…]}."""
    form = _form(request)
    if not form.is_valid():
        return _api_errors({name: [str(message) for message in messages] for name, messages in form.errors.items()})
    results = _run(form)
    if results is not None and results.page > results.num_pages and results.count:
        return _api_errors({"page": [_page_error(results)]})
    if results is None:
        return JsonResponse(
            {"count": 0, "backend": get_engine().name, "page": 1, "num_pages": 1, "facets": {}, "results": []}
        )
    return JsonResponse(
        {
            "count": results.count,
            "backend": results.backend,
            "page": results.page,
            "num_pages": results.num_pages,
            "facets": {
                name: [{"key": f.key, "label": f.label, "count": f.count} for f in fs]
                for name, fs in results.facets.items()
            },
            "results": [hit.as_json() for hit in results.hits],
        },
        json_dumps_params={"ensure_ascii": False},
    )
