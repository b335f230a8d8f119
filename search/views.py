from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.models import Site

from home.hub_scope import HUB_PARAMETER, hub_choices, hub_finder, scope_for_site
from search.documents import page_types
from search.engine import get_engine
from search.forms import SearchForm


def _page_error(results):
    return _("There are only %(count)d result pages.") % {"count": results.num_pages}


def _scope(request):
    """Every hub, the request site's hub as the current one (the search looks there unless ``hub`` says more)."""
    site = Site.find_for_request(request)
    scope = scope_for_site(site)
    scope.remember_for_request(request, site)
    return scope


def _form(request, scope):
    choices = [(key, str(model._meta.verbose_name)) for key, model in sorted(page_types().items())]
    return SearchForm(request.GET, type_choices=choices, hub_choices=hub_choices(scope.hubs))


def _run(form, scope):
    """Search the chosen hubs (default: the current one); each hit knows its hub."""
    data = form.cleaned_data
    scope.choose(data["hub"])
    if not data["q"]:
        return None
    filters = {"type": data["type"], "below": scope.root_paths}
    results = get_engine().search(
        data["q"], filters=filters, facets=("type",), page=data["page"], locale=translation.get_language()
    )
    hub_of = hub_finder(scope.hubs)
    for hit in results.hits:
        hit.hub = hub_of(hit.path)
    return results


@require_GET
def site_search(request):
    """Search the live, public pages of this hub (or of the hubs asked for): facets by page type, highlighted
    snippets, pagination, each hit marked with its hub when the search crosses hubs; no JavaScript."""
    scope = _scope(request)
    form = _form(request, scope)
    failed = {"form": form, "search_query": "", "scope": scope}
    if not form.is_valid():
        return render(request, "search/search.html", failed, status=400)
    results = _run(form, scope)
    if results is not None and results.page > results.num_pages and results.count:
        form.add_error("page", _page_error(results))
        return render(request, "search/search.html", failed, status=400)
    context = {
        "form": form,
        "search_query": form.cleaned_data["q"],
        "selected_types": form.cleaned_data["type"],
        "results": results,
        "scope": scope,
        "scope_query": urlencode([(HUB_PARAMETER, key) for key in form.cleaned_data["hub"]]),
    }
    return render(request, "search/search.html", context)


def _api_errors(errors):
    """400 in the format of every API of the site (docs/search.md): {"errors": {parameter: [message, …]}}."""
    return JsonResponse({"errors": errors}, status=400, json_dumps_params={"ensure_ascii": False})


@require_GET
def api_search(request):
    """GET /api/v1/search/?q=&type=&page=&hub= → {count, backend, page, num_pages, facets, results:[…]}."""
    scope = _scope(request)
    form = _form(request, scope)
    if not form.is_valid():
        return _api_errors({name: [str(message) for message in messages] for name, messages in form.errors.items()})
    results = _run(form, scope)
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
