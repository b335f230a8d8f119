"""The one search interface the views use: ``get_engine()`` → an object with search / index / delete / rebuild.

``search(query, filters={"type": [page type keys], "below": [tree paths]}, …, locale=None)``: ``below`` keeps the
pages under any of these tree paths (a hub's home page: the hub's pages; in another language, its translation's);
missing or ``None`` = every page. ``locale``: the reader's language: its pages first, then Japanese ones
(search.languages). Each hit carries its page's tree ``path`` and ``language``.

* No ``SEARCH_ENGINE_URL``: :class:`search.backends.database.DatabaseEngine` (Wagtail's database search fed with
  Japanese token streams).
* ``SEARCH_ENGINE_URL`` set: :class:`FallbackEngine` around the OpenSearch/Elasticsearch engine; when the engine is
  down or slower than ``SEARCH_ENGINE_TIMEOUT`` the answer comes from the database (``backend == "database"``), one
  warning is logged, and index changes are queued in ``PendingIndexChange`` to be replayed once it is back.
"""

import logging
import time
from dataclasses import dataclass, field

from django.conf import settings

from home.paging import PageNumbers

logger = logging.getLogger("search")

PER_PAGE = 10
MAX_RESULT_WINDOW = 10_000  # the engine's index.max_result_window


class EngineUnavailable(Exception):
    """The search engine could not answer (down, timed out, refused)."""


@dataclass
class Hit:
    page_id: int
    title: str
    url: str
    type: str
    type_label: str
    snippet: str = ""
    path: str = ""  # the page's tree path: which hub it belongs to
    hub: object = None  # its HubSettings, set by the caller that knows the hubs (search.views)
    language: str = ""  # the page's language code (search.languages: the reader's first, then Japanese)

    def as_json(self):
        hub = self.hub and {"slug": self.hub.slug, "name": self.hub.hub_name, "ward": self.hub.ward}
        return {
            "title": self.title,
            "url": self.url,
            "type": self.type,
            "snippet": str(self.snippet),
            "hub": hub,
            "language": self.language,
        }


@dataclass
class Facet:
    key: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Results(PageNumbers):
    query: str
    hits: list
    count: int
    page: int
    per_page: int
    backend: str
    facets: dict = field(default_factory=dict)  # facet name → [Facet]


class FallbackEngine:
    """Ask the engine; on failure answer from the database and queue writes for later."""

    def __init__(self, primary, fallback):
        self.primary = primary
        self.fallback = fallback
        self._down_until = 0.0

    @property
    def name(self):
        return self.primary.name

    def _available(self):
        return time.monotonic() >= self._down_until

    def _mark_down(self, exc):
        # Remember the failure for a few seconds, so a dead engine costs one timeout, not one per request.
        if self._available():
            logger.warning("Search engine unavailable (%s); answering from the database.", exc)
        self._down_until = time.monotonic() + getattr(settings, "SEARCH_ENGINE_RETRY_SECONDS", 5)

    def _call(self, method, *args, **kwargs):
        if self._available():
            try:
                return getattr(self.primary, method)(*args, **kwargs)
            except EngineUnavailable as exc:
                self._mark_down(exc)
        return getattr(self.fallback, method)(*args, **kwargs)

    def search(self, *args, **kwargs):
        return self._call("search", *args, **kwargs)

    def search_directory(self, query):
        # The engine pages with from/size up to MAX_RESULT_WINDOW; a deeper page comes from the database.
        if query.offset + query.limit > MAX_RESULT_WINDOW:
            return self.fallback.search_directory(query)
        return self._call("search_directory", query)

    def _write(self, action, obj):
        from search.models import PendingIndexChange

        if self._available():
            try:
                self.replay_pending()
                getattr(self.primary, action)(obj)
                return True
            except EngineUnavailable as exc:
                self._mark_down(exc)
        PendingIndexChange.remember(action, obj)
        return False

    def index(self, obj):
        return self._write("index", obj)

    def delete(self, obj):
        return self._write("delete", obj)

    def replay_pending(self):
        """Send queued changes to the engine (oldest first); returns how many were replayed.

        Directory listings go in bulk requests: a listing's change makes the engine match the database table,
        whatever its order, so a queue of thousands costs a few requests, not one each.
        """
        from search.directory.documents import send_to_engine
        from search.models import PendingIndexChange
        from search.signals import LISTING_KEY_PREFIX

        listings = PendingIndexChange.objects.filter(key__startswith=LISTING_KEY_PREFIX).order_by("pk")
        changes = list(listings.values_list("pk", "key"))
        for start in range(0, len(changes), 500):
            chunk = changes[start : start + 500]
            send_to_engine(self.primary, [int(key[len(LISTING_KEY_PREFIX) :]) for _pk, key in chunk])
            PendingIndexChange.objects.filter(pk__in=[pk for pk, _key in chunk]).delete()
        done = len(changes)
        for change in PendingIndexChange.objects.exclude(key__startswith=LISTING_KEY_PREFIX).order_by("pk"):
            obj = change.resolve()
            if change.action == "index" and obj is not None:
                self.primary.index(obj)
            else:
                self.primary.delete_by_key(change.key)
            change.delete()
            done += 1
        return done

    def rebuild(self, progress=None):
        from search.models import PendingIndexChange

        self.primary.rebuild(progress=progress)
        PendingIndexChange.objects.all().delete()


_engines = {}


def get_engine():
    """The configured engine (cached per settings combination)."""
    from search.backends.database import DatabaseEngine

    url = getattr(settings, "SEARCH_ENGINE_URL", "")
    kind = getattr(settings, "SEARCH_ENGINE_KIND", "opensearch")
    key = (url, kind, getattr(settings, "SEARCH_ENGINE_INDEX_PREFIX", ""))
    if key not in _engines:
        if not url:
            _engines[key] = DatabaseEngine()
        else:
            from search.backends.opensearch import OpenSearchEngine

            _engines[key] = FallbackEngine(OpenSearchEngine.from_settings(), DatabaseEngine())
    return _engines[key]
