"""A cache of whole public pages for visitors who are not logged in: the job a CDN or Varnish does for bigger sites.

What is stored: the text answer to a GET of a Wagtail page (``wagtail_serve``) with status 200, for a request that
carries no cookie except the CSRF, language and furigana cookies, no family parameter (age, location:
``resources_directory.views.PRIVATE_PARAMS``, even empty) and no search words (``q``), when the answer sets no
cookie, touches no session and allows caching. So nothing about a family ever reaches the cache (docs/caching.md).

Keyed by host, language, furigana (a ruby page apart from the plain one) and full path. A site-wide version number
(its own cache alias, ``page_versions``, so that culling the pages never drops it) retires every entry at once; it
is bumped when a transaction commits in which a page was published, unpublished, moved or deleted or a model of
``PAGE_CACHE_APPS`` was saved or deleted. Entries live ``PAGE_CACHE_SECONDS``. CSRF tokens in a stored page are
replaced by a fresh token on every hit. The cache fails open: when its storage fails, pages are served and content is
published without it, and the error is logged.
``PAGE_CACHE_SECONDS = 0`` turns it off (the shared page and version storage is never touched).
"""

import contextvars
import functools
import hashlib
import logging
import re
import threading
import time

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import _unmask_cipher_token, get_token
from django.utils.cache import cc_delim_re
from django.utils.functional import SimpleLazyObject

logger = logging.getLogger(__name__)

CACHE_ALIAS = "pages"
VERSION_ALIAS = "page_versions"
VERSION_KEY = "page-cache:version"
CSRF_PLACEHOLDER = "\x00csrf-token\x00"
CSRF_TOKEN_RE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
UNCACHEABLE_DIRECTIVES = {"private", "no-store", "no-cache"}
# Saves that never change what a visitor sees (renditions are even made while visitors view pages).
IGNORED_MODELS = {
    "wagtailimages.rendition",
    "wagtailcore.revision",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.pagesubscription",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
}


def cache_seconds():
    return getattr(settings, "PAGE_CACHE_SECONDS", 0)


def page_cache():
    return caches[CACHE_ALIAS]


def fail_open(action, default=None):
    """Run a cache operation; on any storage error log it and carry on without the cache."""
    try:
        return action()
    except Exception:
        logger.exception("page cache unavailable; serving without it")
        return default


_request_version = contextvars.ContextVar("page_cache_request_version", default=None)


def request_version():
    """The version the middleware read when this request started (read now outside a request)."""
    return _request_version.get() or current_version()


def current_version():
    def read():
        versions = caches[VERSION_ALIAS]
        version = versions.get(VERSION_KEY)
        if version is None:
            versions.add(VERSION_KEY, time.time_ns(), timeout=None)
            version = versions.get(VERSION_KEY)
        return version

    return fail_open(read)


def _set_version():
    fail_open(lambda: caches[VERSION_ALIAS].set(VERSION_KEY, time.time_ns(), timeout=None))


def bump_version():
    """Retire every stored page once the change commits (at once outside a transaction).

    One bump per transaction: an import that saves thousands of rows in one transaction schedules it once. Pages
    that other workers render from the old data before the commit are stored under the old version, so they are
    retired too. The pending bump is looked up in the connection's on-commit queue, which Django empties at commit
    and rollback and prunes when a savepoint rolls back (``@transaction.atomic`` reuses one Atomic object for every
    call, so nothing may be remembered on it).
    """
    if not cache_seconds():
        return
    connection = transaction.get_connection()
    # The outermost transaction of the code (a test's own wrapping transaction never commits, so it is skipped).
    blocks = [block for block in connection.atomic_blocks if not getattr(block, "_from_testcase", False)]
    if not blocks:
        transaction.on_commit(_set_version)
        return
    if any(getattr(entry[1], "page_cache_block", None) is blocks[0] for entry in connection.run_on_commit):
        return
    callback = functools.partial(_set_version)
    callback.page_cache_block = blocks[0]
    transaction.on_commit(callback)


def private_params():
    """Family parameters, and search words (which can be sensitive): requests with any of them are never cached."""
    from resources_directory.views import PRIVATE_PARAMS

    return (*PRIVATE_PARAMS, "q")


def request_is_cacheable(request):
    from furigana.mode import COOKIE as FURIGANA_COOKIE

    if request.method not in ("GET", "HEAD"):
        return False
    allowed = {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME, FURIGANA_COOKIE}
    if any(name not in allowed for name in request.COOKIES):
        return False
    return not any(name in request.GET for name in private_params())


def response_is_cacheable(request, response):
    match = getattr(request, "resolver_match", None)
    if request.method != "GET" or match is None or match.url_name != "wagtail_serve":
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if not response.get("Content-Type", "").startswith("text/"):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:  # the session middleware would set a cookie for this visitor
        return False
    directives = {part.split("=")[0].strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))}
    return not directives & UNCACHEABLE_DIRECTIVES


def stored_seconds(response):
    """How long to keep this answer: ``PAGE_CACHE_SECONDS``, or less when the page says what it shows changes sooner
    by itself (``response.page_cache_seconds``: a listing's live status ends with its opening period)."""
    own = getattr(response, "page_cache_seconds", None)
    return cache_seconds() if own is None else min(cache_seconds(), own)


def cache_key(request, version):
    """Host, language, furigana or not (a ruby page is stored apart from the plain one) and full path."""
    from furigana.mode import wants_furigana

    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    variant = "ruby" if wants_furigana(request) else "plain"
    return f"page-cache:{version}:{request.get_host()}:{getattr(request, 'LANGUAGE_CODE', '')}:{variant}:{path}"


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
        if not cache_seconds():
            return self.get_response(request)
        # Read before any content, so that fragments rendered from data older than a bump are never filed under
        # the newer version (template_context hands it to the {% cache %} tags).
        version = request.content_version = current_version()
        token = _request_version.set(version)  # what per_version and the directory's kept pages key on
        try:
            return self._respond(request, version)
        finally:
            _request_version.reset(token)

    def _respond(self, request, version):
        if version is None or not request_is_cacheable(request):  # None: the cache storage failed (logged)
            return self.get_response(request)
        key = cache_key(request, version)
        stored = fail_open(lambda: page_cache().get(key))
        if stored is not None:
            return self.from_cache(request, stored)
        response = self.get_response(request)
        if response_is_cacheable(request, response):
            content = without_csrf_tokens(request, response.content.decode(response.charset))
            headers = [(name, value) for name, value in response.items() if name.lower() != "set-cookie"]
            timeout = stored_seconds(response)
            if timeout > 0:
                fail_open(lambda: page_cache().set(key, (headers, content), timeout=timeout))
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


def content_changed(sender, raw=False, **kwargs):
    label = sender._meta.label_lower
    watched = sender._meta.app_label in getattr(settings, "PAGE_CACHE_APPS", ()) or label in getattr(
        settings, "PAGE_CACHE_MODELS", ()
    )
    if not raw and watched and label not in IGNORED_MODELS:
        bump_version()


def connect_signals():
    """Publishing and unpublishing save the page (post_save); a move updates the tree without saving."""
    from wagtail.signals import post_page_move

    post_page_move.connect(lambda **kwargs: bump_version(), weak=False, dispatch_uid="page-cache-move")
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(content_changed, weak=False, dispatch_uid=f"page-cache-models-{id(signal)}")


_per_version = {}
_per_version_lock = threading.Lock()


def per_version(name, build, version=None):
    """``build()``, kept by this process while the content version stays the same (the page cache on).

    For what every visitor shares and only a content change alters (a snippet list, the synonyms): read once per
    version per process instead of once per request. With the page cache off it is built every time.
    """
    if not cache_seconds():
        return build()
    version = version if version not in (None, "", "off") else request_version()
    if version is None:
        return build()
    with _per_version_lock:
        kept = _per_version.get(name)
        if kept is not None and kept[0] == version:
            return kept[1]
    value = build()
    with _per_version_lock:
        _per_version[name] = (version, value)
    return value


def forget(name):
    """Drop what ``per_version`` keeps under this name (tests)."""
    with _per_version_lock:
        _per_version.pop(name, None)


def clear():
    """Drop every stored page (``manage.py restore`` changes the database without signals)."""
    if cache_seconds():
        fail_open(lambda: page_cache().clear())
        _set_version()


def template_context(request):
    """``content_version`` and ``page_cache_seconds`` for fragments cached with ``{% cache %}`` in templates."""
    if not cache_seconds():
        return {"content_version": "off", "page_cache_seconds": 0}
    if hasattr(request, "content_version"):
        return {"content_version": request.content_version, "page_cache_seconds": cache_seconds()}
    return {"content_version": SimpleLazyObject(current_version), "page_cache_seconds": cache_seconds()}
