"""The staff's side of the freshness loop: the stale listings report (with CSV), the updates groups sent, and a
dashboard panel with both counts. Each user sees the listings they may change (their hubs' directories; every
hub for a superuser); users who may change no directory (ward reviewers, City staff) are refused.
"""

import itertools

from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, StatusFlagColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.log_actions import log
from wagtail.permission_policies.pages import PagePermissionPolicy

from home.hubs import all_hubs, hub_finder
from resources_directory import freshness
from resources_directory.models import DirectoryPage, FreshnessReminder, ListingPage
from resources_directory.opendata import neutralise

HANDLED_ACTION = "resources_directory.update_handled"


def may_keep_listings(user):
    """The user may change some hub's directory (its Editors and Managers, superusers)."""
    pages = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return pages.type(DirectoryPage).exists()


def changeable_listing_ids(user):
    return PagePermissionPolicy().instances_user_has_permission_for(user, "change").type(ListingPage).values("pk")


def user_stale_listings(user):
    return freshness.stale_listings().filter(pk__in=changeable_listing_ids(user))


def user_pending_updates(user):
    return freshness.pending_updates().filter(page_id__in=changeable_listing_ids(user))


def months_between(earlier, later):
    return (later.year - earlier.year) * 12 + later.month - earlier.month - (later.day < earlier.day)


class KeepersOnly:
    """Refuse (Wagtail's "permission denied") users who keep no directory."""

    def dispatch(self, request, *args, **kwargs):
        if not may_keep_listings(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class StaleListingsReport(KeepersOnly, ReportView):
    page_title = gettext_lazy("Listings to check")
    header_icon = "time"
    index_url_name = "freshness_report"
    index_results_url_name = "freshness_report_results"
    paginate_by = 50
    columns = [
        TitleColumn("title", label=gettext_lazy("Listing"), url_name="wagtailadmin_pages:edit"),
        Column("hub_name", label=gettext_lazy("Hub")),
        DateColumn("last_verified", label=gettext_lazy("Last verified")),
        Column("age_text", label=gettext_lazy("Not verified for")),
        DateColumn("last_reminder_at", label=gettext_lazy("Reminder sent")),
        Column("contact_text", label=gettext_lazy("E-mail for updates")),
        StatusFlagColumn(
            "update_pending", label=gettext_lazy("Group's update"), true_label=gettext_lazy("From the group")
        ),
    ]
    list_export = ["title", "hub_name", "last_verified", "months", "last_reminder_at", "contact_text", "update_text"]
    export_headings = {
        "title": gettext_lazy("Listing"),
        "hub_name": gettext_lazy("Hub"),
        "last_verified": gettext_lazy("Last verified"),
        "months": gettext_lazy("Months not verified"),
        "last_reminder_at": gettext_lazy("Reminder sent"),
        "contact_text": gettext_lazy("E-mail for updates"),
        "update_text": gettext_lazy("Update from the group"),
    }

    def get_filename(self):
        return f"stale-listings-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        return user_stale_listings(self.request.user).select_related("locale")

    def decorate_paginated_queryset(self, object_list):
        pages = list(object_list)
        find = hub_finder(all_hubs())
        pending = set(user_pending_updates(self.request.user).values_list("page_id", flat=True))
        today = timezone.localdate()
        for page in pages:
            hub = find(page.path)
            page.hub_name = hub.hub_name if hub else ""
            page.months = months_between(page.last_verified, today) if page.last_verified else None
            page.age_text = _("Never verified") if page.months is None else _("%(n)s months") % {"n": page.months}
            page.contact_text = _("Has an address") if page.update_contact_email else _("No address")
            page.update_pending = page.pk in pending
            page.update_text = _("Update waiting") if page.update_pending else ""
            if page.last_reminder_at:
                page.last_reminder_at = timezone.localtime(page.last_reminder_at)
        return pages

    def write_csv_row(self, writer, row_dict):
        """Cells a spreadsheet would read as a formula get a leading apostrophe (as in the open data CSV)."""
        safe = {name: neutralise(value) if isinstance(value, str) else value for name, value in row_dict.items()}
        return super().write_csv_row(writer, safe)

    def write_csv_response(self, queryset):
        """UTF-8 with a byte order mark, so a spreadsheet opens the Japanese text correctly."""
        stream = itertools.chain(["\ufeff"], self.stream_csv(queryset))
        response = StreamingHttpResponse(stream, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.csv"'
        return response


class HandledColumn(Column):
    cell_template_name = "resources_directory/admin/handled_cell.html"


class UpdatesFromGroups(KeepersOnly, ReportView):
    page_title = gettext_lazy("Updates from groups")
    header_icon = "mail"
    index_url_name = "freshness_updates"
    index_results_url_name = "freshness_updates_results"
    columns = [
        TitleColumn("page.title", label=gettext_lazy("Listing"), get_url=lambda row: row.compare_url),
        DateColumn("used_at", label=gettext_lazy("Sent by the group")),
        Column("hours", label=gettext_lazy("Opening hours as the group wrote them")),
        Column("note", label=gettext_lazy("Note from the group")),
        HandledColumn("pk", label=gettext_lazy("Handled")),
    ]

    def get_queryset(self):
        return user_pending_updates(self.request.user).order_by("used_at", "pk")

    def decorate_paginated_queryset(self, object_list):
        rows = list(object_list)
        for row in rows:
            row.compare_url = reverse(
                "wagtailadmin_pages:revisions_compare", args=[row.page_id, "live", row.revision_id]
            )
        return rows


@require_POST
def mark_handled(request, pk):
    if not may_keep_listings(request.user):
        raise PermissionDenied
    reminder = get_object_or_404(user_pending_updates(request.user), pk=pk)
    FreshnessReminder.objects.filter(pk=reminder.pk).update(handled_at=timezone.now())
    log(reminder.page.specific, HANDLED_ACTION, user=request.user, data={"reminder": reminder.pk})
    messages.success(request, _("“%(title)s”: the group's update is marked as done.") % {"title": reminder.page.title})
    return redirect("freshness_updates")


class FreshnessPanel(Component):
    """Dashboard: how many of the user's listings are stale, and how many updates from groups wait."""

    name = "directory_freshness"
    template_name = "resources_directory/admin/freshness_panel.html"
    order = 120

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["stale_count"] = user_stale_listings(self.user).count()
        context["pending_count"] = user_pending_updates(self.user).count()
        context["months"] = freshness.stale_months()
        return context


# --- registered with Wagtail (imported by resources_directory/wagtail_hooks.py) ---


class KeepersMenuItem(MenuItem):
    def is_shown(self, request):
        # one query per request, not one per menu item of the group
        if not hasattr(request, "_may_keep_listings"):
            request._may_keep_listings = may_keep_listings(request.user)
        return request._may_keep_listings


@hooks.register("register_admin_urls")
def register_freshness_urls():
    return [
        path("reports/stale-listings/", StaleListingsReport.as_view(), name="freshness_report"),
        path(
            "reports/stale-listings/results/",
            StaleListingsReport.as_view(results_only=True),
            name="freshness_report_results",
        ),
        path("reports/group-updates/", UpdatesFromGroups.as_view(), name="freshness_updates"),
        path(
            "reports/group-updates/results/",
            UpdatesFromGroups.as_view(results_only=True),
            name="freshness_updates_results",
        ),
        path("reports/group-updates/<int:pk>/done/", mark_handled, name="freshness_handled"),
    ]


MENU_ITEMS = (
    (gettext_lazy("Listings to check"), "freshness_report", "stale-listings", "time", 1150),
    (gettext_lazy("Updates from groups"), "freshness_updates", "group-updates", "mail", 1160),
)


def menu_item(label, url_name, name, icon, order):
    return lambda: KeepersMenuItem(label, reverse(url_name), name=name, icon_name=icon, order=order)


for item in MENU_ITEMS:
    hooks.register("register_reports_menu_item", menu_item(*item))


@hooks.register("construct_homepage_panels")
def add_freshness_panel(request, panels):
    if may_keep_listings(request.user):
        panels.append(FreshnessPanel(request.user))


@hooks.register("register_log_actions")
def register_freshness_log_actions(actions):
    actions.register_action(
        freshness.VERIFIED_ACTION,
        gettext_lazy("Confirmed by the group"),
        gettext_lazy("Confirmed by the group (freshness reminder)"),
    )
    actions.register_action(
        freshness.UPDATE_ACTION,
        gettext_lazy("Update from the group"),
        gettext_lazy("Draft saved from the group's update"),
    )
    actions.register_action(
        HANDLED_ACTION, gettext_lazy("Group update done"), gettext_lazy("The group's update was marked as done")
    )
