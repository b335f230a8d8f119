"""The category and area choices of the directory's filter form, kept per process while the content is unchanged.

They are the same for every visitor, so a process keeps the (slug, name) lists under the page cache's content
version (``cms.page_cache``: bumped by every saved category, area or page, and read once per request by its
middleware). Without a version (the page cache off) they are read from the database every time.
"""

import threading

from resources_directory.models import Area, Category

_lock = threading.Lock()
_cached = {"version": None, "choices": None}


def read_choices():
    return {
        "category": list(Category.objects.values_list("slug", "name")),
        "area": list(Area.objects.values_list("slug", "name")),
    }


def snippet_choices(version=None):
    """{"category": [(slug, name), …], "area": [(slug, name), …]} in the snippets' order."""
    if version in (None, "", "off"):
        return read_choices()
    with _lock:
        if _cached["version"] == version:
            return _cached["choices"]
    choices = read_choices()
    with _lock:
        _cached.update(version=version, choices=choices)
    return choices


def clear():
    with _lock:
        _cached.update(version=None, choices=None)
