"""Which hub a page, a request or a user belongs to. A hub is a Wagtail Site with ``HubSettings``.

Lookups only (no side effects); ``home.hub_setup`` creates hubs.
"""

from django.db.models import Q
from wagtail.models import Site

from home.models import HubSettings


def all_hubs():
    """Every hub, in page-tree order (the first one is the first created)."""
    return HubSettings.objects.select_related("site", "site__root_page").order_by("site__root_page__path")


def hub_for_path(path, hubs=None):
    """The hub whose home page is this tree path or above it (the deepest one), or None."""
    best = None
    for hub in hubs if hubs is not None else all_hubs():
        root_path = hub.site.root_page.path
        if path.startswith(root_path) and (best is None or len(root_path) > len(best.site.root_page.path)):
            best = hub
    return best


def hub_for_page(page):
    return hub_for_path(page.path)


def hub_for_site(site):
    return HubSettings.objects.filter(site=site).select_related("site", "site__root_page").first()


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
