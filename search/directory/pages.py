"""The listing pages of a result, in order, each with this search's ``distance_km``.

A page with its categories, area, hours and closures is the same for every visitor, so while the public page
cache is on (``cms.page_cache``: production) each process keeps the loaded pages under the cache's content
version, which every publish, unpublish, move, delete, import and saved snippet changes. A search gets its own
shallow copy of each page to set its distance and next opening on: nothing a family asked for is ever written
on a kept page. With the page cache off (development, tests) the pages are read for every search.
"""

import copy
import threading

from django.db.models import Prefetch

from cms import page_cache
from search.geo import haversine_km

MAX_KEPT = 5000  # pages a process keeps; beyond that it starts again

_lock = threading.Lock()
_kept = {"version": None, "pages": {}}


def load(ids):
    """{id: live ListingPage} with area, categories, hours and closures, read in five queries."""
    from resources_directory.models import Category, Closure, ListingPage, OpeningHours

    pages = (
        ListingPage.objects.live()
        .filter(pk__in=ids)
        .select_related("area")
        .prefetch_related(
            Prefetch("categories", queryset=Category.objects.order_by("sort_order", "name")),
            Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("sort_order")),
            Prefetch("closures", queryset=Closure.objects.order_by("start_date")),
        )
    )
    return {page.pk: page for page in pages}


def _version():
    return page_cache.request_version() if page_cache.cache_seconds() else None


def pages_by_id(ids):
    """The pages of these ids: kept ones from this process, the others read (and kept) now."""
    version = _version()
    if version is None:
        return load(ids)
    with _lock:
        if _kept["version"] != version:
            _kept.update(version=version, pages={})
        kept = _kept["pages"]
        found = {pk: kept[pk] for pk in ids if pk in kept}
    missing = [pk for pk in ids if pk not in found]
    if missing:
        loaded = load(missing)
        found.update(loaded)
        with _lock:
            if _kept["version"] == version:
                if len(_kept["pages"]) + len(loaded) > MAX_KEPT:
                    _kept["pages"] = {}
                _kept["pages"].update(loaded)
    return found


def _copy(page):
    """A copy of a kept page for one search: its own attributes and its own dicts of loaded relations."""
    item = copy.copy(page)
    for name in ("_prefetched_objects_cache", "_cluster_related_objects"):
        if name in page.__dict__:
            setattr(item, name, dict(page.__dict__[name]))
    return item


def listings_in_order(ids, origin, now=None):
    """The listing pages of these ids, in this order, each a copy with distance_km set (``next_open`` and what is
    true today: ``resources_directory.today.annotate``, once the hubs are known)."""
    if not ids:
        return []
    by_id = pages_by_id(ids)
    items = [_copy(by_id[pk]) for pk in ids if pk in by_id]
    for item in items:
        item.distance_km = None
        if origin and item.latitude is not None and item.longitude is not None:
            item.distance_km = round(haversine_km(origin, (item.latitude, item.longitude)), 2)
    return items


def clear():
    with _lock:
        _kept.update(version=None, pages={})
