"""Adds ruby to the public site's Japanese HTML pages when the visitor asks for furigana (``furigana.mode``).

Sits inside ``cms.page_cache.PageCacheMiddleware`` (after it in ``MIDDLEWARE``), so the page cache stores the ruby
page, under its own key (``cms.page_cache.cache_key``), apart from the plain one.
"""

from django.http import QueryDict
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from wagtail.models import Site

from cms.page_cache import per_version
from furigana.html import add_ruby, is_japanese
from furigana.mode import PARAM, wants_furigana
from furigana.readings import NO_CORRECTIONS, Corrections

EXCLUDED_PREFIXES = ("/admin/", "/django-admin/", "/api/", "/documents/", "/static/", "/media/")


def is_public_html(request, response):
    return (
        not request.path.startswith(EXCLUDED_PREFIXES)
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and "Content-Disposition" not in response
    )


def corrections_for(request):
    """The corrected readings of the request's hub (kept per content version: a saved reading shows at once)."""
    site = Site.find_for_request(request)
    if site is None:
        return NO_CORRECTIONS
    return per_version(f"furigana-readings:{site.pk}", lambda: load_corrections(site))


def load_corrections(site):
    from furigana.models import Reading
    from home.hubs import hub_for_site

    hub = hub_for_site(site)
    if hub is None:
        return NO_CORRECTIONS
    return Corrections(Reading.objects.filter(hub=hub).values_list("text", "reading"))


class FuriganaMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        on = wants_furigana(request)
        if PARAM in request.GET:  # the views never see it (the directory counts any parameter as a search)
            query = request.GET.copy()
            query.pop(PARAM)
            request.GET = QueryDict(query.urlencode(), encoding=request.encoding)
        response = self.get_response(request)
        if not is_public_html(request, response):
            return response
        patch_vary_headers(response, ["Cookie"])
        # Only a Japanese page (ja, ja-easy) gets ruby: on an English page even the language switcher's 日本語 stays
        # as it is, like the ルビ link, which such a page does not show either.
        if on and is_japanese(get_language() or ""):
            response.content = add_ruby(response.content.decode(response.charset), corrections_for(request))
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response
