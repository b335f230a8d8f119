"""A cache of whole public pages for visitors who are not logged in: the job a CDN or Varnish does for bigger sites.

What is stored: the answer to a GET of a Wagtail page (``wagtail_serve``) with status 200, for a request that carries
no cookie except the CSRF and language cookies, when the answer sets no cookie and allows caching. Views mark
answers that used a family's data (age, location, birth date) ``no-store`` and those are never stored, so nothing
about a family reaches the cache (resources_directory.views.PRIVATE_PARAMS).

Keyed by host, language and full path. A site-wide version number, bumped whenever a page is published, unpublished,
moved or deleted and whenever a model of the apps in ``PAGE_CACHE_APPS`` is saved or deleted (snippets, settings,
images, documents, view restrictions), retires every entry at once; entries live ``PAGE_CACHE_SECONDS`` (so "next
opening" and "this week" never lag by more than that). CSRF tokens in a stored page are replaced by a fresh token on
every hit. ``PAGE_CACHE_SECONDS = 0`` turns the cache off.
"""

import hashlib
import re
import time

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import _unmask_cipher_token, get_token
from django.utils.cache import cc_delim_re

CACHE_ALIAS = "pages"
VERSION_KEY = "page-cache:version"
CSRF_PLACEHOLDER = "\x00csrf-token\x00"
CSRF_TOKEN_RE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
UNCACHEABLE_DIRECTIVES = {"private", "no-store", "no-cache"}


def cache_seconds():
    return getattr(settings, "PAGE_CACHE_SECONDS", 0)


def page_cache():
    return caches[CACHE_ALIAS]


def current_version():
    cache = page_cache()
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def bump_version():
    """Retire every stored page (now, and again once the transaction that changed content has committed)."""
    if not cache_seconds():
        return
    page_cache().set(VERSION_KEY, time.time_ns(), timeout=None)
    transaction.on_commit(lambda: page_cache().set(VERSION_KEY, time.time_ns(), timeout=None))


def request_is_cacheable(request):
    if request.method not in ("GET", "HEAD"):
        return False
    allowed = {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
    return all(name in allowed for name in request.COOKIES)


def response_is_cacheable(request, response):
    match = getattr(request, "resolver_match", None)
    if request.method != "GET" or match is None or match.url_name != "wagtail_serve":
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if not response.get("Content-Type", "").startswith("text/"):  # HTML and iCal feeds; never files
        return False
    directives = {part.split("=")[0].strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))}
    return not directives & UNCACHEABLE_DIRECTIVES


def cache_key(request, version):
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page-cache:{version}:{request.get_host()}:{getattr(request, 'LANGUAGE_CODE', '')}:{path}"


def without_csrf_tokens(request, content):
    """The page with every CSRF token of this request replaced by a placeholder (filled in again on each hit)."""
    secret = request.META.get("CSRF_COOKIE")
    if not secret:
        return content

    def replace(match):
        token = match.group(0)
        return CSRF_PLACEHOLDER if _unmask_cipher_token(token) == secret else token

    return CSRF_TOKEN_RE.sub(replace, content)


class PageCacheMiddleware:
    """Serve stored public pages; store new ones. Sits inside the CSRF and locale middleware (see settings)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not cache_seconds() or not request_is_cacheable(request):
            return self.get_response(request)
        key = cache_key(request, current_version())
        stored = page_cache().get(key)
        if stored is not None:
            return self.from_cache(request, stored)
        response = self.get_response(request)
        if response_is_cacheable(request, response):
            content = without_csrf_tokens(request, response.content.decode(response.charset))
            headers = [(name, value) for name, value in response.items() if name.lower() != "set-cookie"]
            page_cache().set(key, (headers, content), timeout=cache_seconds())
        return response

    @staticmethod
    def from_cache(request, stored):
        headers, content = stored
        if CSRF_PLACEHOLDER in content:
            content = content.replace(CSRF_PLACEHOLDER, get_token(request))
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        return response


def content_changed(sender, **kwargs):
    if sender._meta.app_label in getattr(settings, "PAGE_CACHE_APPS", ()):
        bump_version()


def connect_signals():
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(lambda **kwargs: bump_version(), weak=False, dispatch_uid=f"page-cache-{id(signal)}")
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(content_changed, weak=False, dispatch_uid=f"page-cache-models-{id(signal)}")


def template_context(request):
    """``content_version`` and ``page_cache_seconds`` for fragments cached with ``{% cache %}`` in templates."""
    from django.utils.functional import SimpleLazyObject

    return {"content_version": SimpleLazyObject(current_version), "page_cache_seconds": cache_seconds()}
