from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.hub_admin import HubOwnedViewSet
from home.models import HubSettings
from resources_directory import freshness_admin  # noqa: F401  (registers the freshness report, panel, log actions)
from resources_directory.models import Area, Category
from search.models import SynonymGroup


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "tag"
    menu_label = _("Categories")
    list_display = ["name", "slug", "hsds_type", "sort_order"]
    search_fields = ["name", "slug"]
    ordering = ["sort_order", "name"]


class AreaViewSet(HubOwnedViewSet):
    """Areas belong to a hub: its staff see and keep only their own hub's (home.hub_admin)."""

    model = Area
    icon = "site"
    menu_label = _("Areas")
    list_display = ["name", "slug", "hub", "latitude", "longitude"]
    search_fields = ["name", "slug"]
    ordering = ["sort_order", "name"]
    owner_field = "hub"

    @staticmethod
    def owned_by(hubs):
        return Q(hub__in=hubs)

    @staticmethod
    def owner_choices(hubs):
        return HubSettings.objects.filter(pk__in=[hub.pk for hub in hubs])


class SynonymGroupViewSet(SnippetViewSet):
    """Words families type for the same thing (支援センター = 地域子育て支援拠点): the directory search applies them."""

    model = SynonymGroup
    icon = "search"
    menu_label = _("Synonyms")
    list_display = ["words", "updated_at"]
    search_fields = ["words"]
    ordering = ["pk"]


class DirectoryViewSetGroup(SnippetViewSetGroup):
    items = (CategoryViewSet, AreaViewSet, SynonymGroupViewSet)
    menu_icon = "list-ul"
    menu_label = _("Directory")
    menu_name = "directory"


register_snippet(DirectoryViewSetGroup)
