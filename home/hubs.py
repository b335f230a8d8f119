"""Which hub a page, a request or a user belongs to. A hub is a Wagtail Site with ``HubSettings``.

Lookups only (no side effects); ``home.hub_setup`` creates hubs.
"""

from django.db.models import Q
from wagtail.models import Page, Site

from home.models import HubSettings


def all_hubs():
    """Every real hub, in page-tree order (the first one is the first created).

    Real means made by ``home.hub_setup.create_hub``: it has a key and its staff groups. Wagtail makes a blank
    ``HubSettings`` row for any site whose pages read ``settings.home.HubSettings`` (e.g. a second hostname on a
    hub's home page); those rows are not hubs. Everything that lists hubs goes through here.
    """
    return (
        HubSettings.objects.filter(
            slug__isnull=False, editors__isnull=False, ward_reviewers__isnull=False, managers__isnull=False
        )
        .select_related("site", "site__root_page")
        .order_by("site__root_page__path", "pk")
    )


def _precedence(hub):
    return (not (hub.slug and hub.editors_id), hub.pk)


def hub_tree_roots(hubs):
    """[(tree path, hub)] of each hub's home page and of its translations (the hub's trees in other languages,
    siblings of its home page under the tree root: docs/languages.md), in one query."""
    hubs = list(hubs)
    missing = [hub for hub in hubs if not hasattr(hub, "_tree_paths")]
    if missing:  # each hub row keeps its trees: finding many pages' hubs reads them once, not once per page
        keys = {hub.site.root_page.translation_key: hub for hub in missing}
        found = {hub.pk: [hub.site.root_page.path] for hub in missing}
        depths = {hub.site.root_page.depth for hub in missing}
        for path, key in Page.objects.filter(translation_key__in=keys, depth__in=depths).values_list(
            "path", "translation_key"
        ):
            if path not in found[keys[key].pk]:
                found[keys[key].pk].append(path)
        for hub in missing:  # set once complete: hub rows kept by the process (per_version) are shared by threads
            hub._tree_paths = found[hub.pk]
    roots = [(hub._tree_paths[0], hub) for hub in hubs]
    for hub in hubs:
        roots += [(path, hub) for path in hub._tree_paths[1:] if all(path != root for root, _hub in roots)]
    return roots


def hub_finder(hubs):
    """A function tree path → the hub whose home page (or its translation) is that path or above it (the deepest),
    or None.

    Looks up one prefix per depth of hub home pages, so marking a thousand pages with their hub costs the same for
    18 hubs as for one. Two rows on one home page (an alias site): a real hub (with its key and groups) wins over
    a blank settings row, then the older; whatever order ``hubs`` comes in.
    """
    by_length = {}
    for root, hub in hub_tree_roots(hubs):
        roots = by_length.setdefault(len(root), {})
        if root not in roots or _precedence(hub) < _precedence(roots[root]):
            roots[root] = hub
    lengths = sorted(by_length, reverse=True)

    def find(path):
        for length in lengths:
            hub = by_length[length].get(path[:length])
            if hub is not None:
                return hub
        return None

    return find


def hub_for_path(path, hubs=None):
    """The hub whose home page is this tree path or above it (the deepest one), or None."""
    return hub_finder(hubs if hubs is not None else all_hubs())(path)


def hub_for_page(page):
    return hub_for_path(page.path)


def hub_for_site(site, hubs=None):
    """The site's own hub, else (another hostname on a hub's pages) the hub of its root page, or None."""
    hubs = list(hubs if hubs is not None else all_hubs())
    own = next((hub for hub in hubs if hub.site_id == site.pk), None)
    return own or hub_finder(hubs)(site.root_page.path)


def hub_for_request(request):
    site = Site.find_for_request(request)
    return hub_for_site(site) if site else None


def user_hub_filter(user, prefix=""):
    """A Q on HubSettings (or on a model reaching it by ``prefix``) for the hubs the user is staff of."""
    return (
        Q(**{f"{prefix}editors__user": user})
        | Q(**{f"{prefix}ward_reviewers__user": user})
        | Q(**{f"{prefix}managers__user": user})
    )


def hubs_for_user(user):
    """The hubs whose staff the user is (every hub for a superuser, none for anyone else)."""
    if not user.is_authenticated or not user.is_active:
        return HubSettings.objects.none()
    if user.is_superuser:
        return all_hubs()
    return all_hubs().filter(user_hub_filter(user)).distinct()


def is_manager(user):
    """A manager of some hub: they approve and publish, so they must use a second factor."""
    return user.is_authenticated and HubSettings.objects.filter(managers__user=user).exists()
