from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from wagtail.models import Page

from security.queries import safe_search_query

MAX_QUERY_LENGTH = 100
RESULTS_PER_PAGE = 10


def site_search(request):
    """Search every live, public page. The Japanese-aware engine layer plugs in behind Wagtail's search."""
    query = safe_search_query(request.GET.get("q", ""), MAX_QUERY_LENGTH)
    results = Page.objects.live().public().specific().search(query) if query else Page.objects.none()
    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        page_of_results = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page_of_results = paginator.page(1)
    except EmptyPage:
        page_of_results = paginator.page(paginator.num_pages)
    return render(
        request,
        "search/search.html",
        {"search_query": query, "results": page_of_results},
    )
