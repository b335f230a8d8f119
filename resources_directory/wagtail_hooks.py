from django.db.models import Q
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.hub_admin import HubOwnedViewSet
from home.models import HubSettings
from resources_directory import (
    freshness_admin,  # noqa: F401  (registers the freshness report, panel, log actions)
    live_admin,
)
from resources_directory.models import Area, Category, HubClosure, LiveState
from search.models import SynonymGroup


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "tag"
    menu_label = _("Categories")
    list_display = ["name", "slug", "hsds_type", "sort_order"]
    search_fields = ["name", "slug"]
    ordering = ["sort_order", "name"]


class HubFieldViewSet(HubOwnedViewSet):
    """A snippet whose ``hub`` field names the hub it belongs to."""

    owner_field = "hub"

    @staticmethod
    def owned_by(hubs):
        return Q(hub__in=hubs)

    @staticmethod
    def owner_choices(hubs):
        return HubSettings.objects.filter(pk__in=[hub.pk for hub in hubs])


class AreaViewSet(HubFieldViewSet):
    """Areas belong to a hub: its staff see and keep only their own hub's (home.hub_admin)."""

    model = Area
    icon = "site"
    menu_label = _("Areas")
    list_display = ["name", "slug", "hub", "latitude", "longitude"]
    search_fields = ["name", "slug"]
    ordering = ["sort_order", "name"]


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


class HubClosureViewSet(HubFieldViewSet):
    """Hub-wide closures (「警報のため本日休館」): each hub's Editors and Managers keep only their own hub's."""

    model = HubClosure
    icon = "warning"
    menu_label = _("Hub-wide closures")
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["reason", "start_date", "end_date", "hub"]
    search_fields = ["reason"]
    ordering = ["-start_date"]


register_snippet(HubClosureViewSet)


@hooks.register("register_admin_urls")
def register_live_status_urls():
    return [
        path("live-status/", live_admin.live_status_list, name="resources_directory_live_status"),
        path("live-status/<int:listing_id>/", live_admin.set_live_status, name="resources_directory_set_live_status"),
    ]


class LiveStatusMenuItem(MenuItem):
    def is_shown(self, request):
        return live_admin.may_set_status(request.user)


@hooks.register("register_admin_menu_item")
def register_live_status_menu_item():
    return LiveStatusMenuItem(_("Live status"), reverse("resources_directory_live_status"), icon_name="time", order=50)


@hooks.register("register_log_actions")
def register_live_status_log_action(actions):
    @actions.register_action(live_admin.LOG_ACTION)
    class LiveStatusFormatter(LogFormatter):
        label = _("Set the live status")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            state = LiveState(data["state"]).label if data.get("state") in LiveState.values else data.get("state", "")
            if data.get("note"):
                return _("Live status set to “%(state)s” (%(note)s)") % {"state": state, "note": data["note"]}
            return _("Live status set to “%(state)s”") % {"state": state}


class LiveStatusPanel(Component):
    """On the dashboard of those who may set it: the way to the live status page (the only one for Floor staff)."""

    name = "live_status"
    order = 10

    def render_html(self, parent_context=None):
        return format_html(
            '<section class="panel"><p><a class="button" href="{}">{}</a></p></section>',
            reverse("resources_directory_live_status"),
            _("Set the live status of your places"),
        )


@hooks.register("construct_homepage_panels")
def add_live_status_panel(request, panels):
    if live_admin.may_set_status(request.user):
        panels.insert(0, LiveStatusPanel())
