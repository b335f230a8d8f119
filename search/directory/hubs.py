"""The hubs a directory search can be scoped to, and the hub of a listing.

A hub is a Wagtail Site with ``HubSettings`` (``home.hubs``); a listing belongs to the hub whose home page is above
it (``home.hubs.hub_for_path``). Search documents record the hub's key (``HubSettings.slug``); a search asks for
one hub, several, or all (``DirectoryQuery.hubs`` empty). The list of hubs is read once per content version while
the page cache is on (a saved hub or site changes the version), else once per search.
"""

from cms.page_cache import per_version

ALL = "all"


def read_hubs():
    from home.hubs import all_hubs

    return list(all_hubs())


def hub_list():
    """Every hub (HubSettings with its site and root page), in page-tree order."""
    return per_version("directory-hubs", read_hubs)


def hub_of(path, hubs):
    """The hub (HubSettings) whose home page is above this tree path, or None. For one path: many paths go through
    ``home.hubs.hub_finder`` once (it reads the hubs' translated trees in one query)."""
    from home.hubs import hub_for_path

    return hub_for_path(path, hubs)


def hub_keys(hubs):
    """A function tree path → the key a search document records for a listing there ("" outside every hub)."""
    from home.hubs import hub_finder

    find = hub_finder(hubs)

    def key(path):
        hub = find(path)
        return (hub.slug or "") if hub is not None else ""

    return key


def hub_json(hub):
    return {"slug": hub.slug, "name": hub.hub_name, "ward": hub.ward} if hub is not None else None


def hub_label(hub):
    """「港南区地域子育て支援拠点 はっち（港南区）」: how a card, a map popup and the scope line name a hub."""
    from home.hub_scope import hub_label as label

    return label(hub) if hub is not None else ""
