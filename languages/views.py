"""Wagtail's page view, with the fallback to Japanese: /en/<path>/ with no English page at that path serves the
Japanese page (the template says so, in the reader's language), or redirects to its English version when it has one
at another path. Only a path that is no page in Japanese either is a 404."""

from django.http import Http404
from django.shortcuts import redirect
from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from languages.locales import DEFAULT_LANGUAGE, active_language, live_versions


def route_in_default_tree(request, path):
    site = Site.find_for_request(request)
    if site is None:
        return None
    components = [component for component in path.split("/") if component]
    try:
        return site.root_page.specific.route(request, components)
    except Http404:
        return None


def serve(request, path):
    language = active_language()
    if language != DEFAULT_LANGUAGE and Page.route_for_request(request, path) is None:
        route = route_in_default_tree(request, path)
        if route is None:
            raise Http404
        page, args, _kwargs = route
        translated = live_versions(page).get(language)
        if translated is not None and not args:
            return redirect(translated.url)
        request._wagtail_route_for_request = route  # Wagtail's serve uses the route found here
    return wagtail_views.serve(request, path)
