"""The category and area choices of the directory's filter form, kept per process while the content is unchanged.

They are the same for every visitor, so a process keeps the (slug, name) lists under the page cache's content
version (``cms.page_cache.per_version``: bumped by every saved category, area or page). Without the page cache
they are read from the database every time.
"""

from cms.page_cache import forget, per_version
from resources_directory.models import Area, Category


def read_choices():
    return {
        "category": list(Category.objects.values_list("slug", "name")),
        "area": list(Area.objects.values_list("slug", "name")),
    }


def snippet_choices(version=None):
    """{"category": [(slug, name), …], "area": [(slug, name), …]} in the snippets' order."""
    return per_version("directory-choices", read_choices, version)


def clear():
    forget("directory-choices")
