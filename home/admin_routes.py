"""Admin routes that Wagtail answers for the whole installation, answered here for the user's hubs only.

Included before Wagtail's admin URLs (cms/urls.py), so these paths reach these views first; each one runs
Wagtail's own view with one narrowing. Everything else in the admin is already limited by page, collection
or (for areas and goals) ``home.hub_admin`` permissions; docs/permissions.md lists which route relies on what.

- the page chooser's browse view refuses (404) a parent page outside the user's hubs, and opens a page type's
  listing at the common ancestor of that type in the user's hubs (its children and its search results are
  filtered by the ``construct_page_chooser_queryset`` hook in home/wagtail_hooks.py); its "chosen" answer
  describes only pages of the user's hubs;
- bulk actions (/admin/bulk/<app>/<model>/<action>/) act on, and list, only rows of the user's hubs: Wagtail
  would otherwise show the titles of rows the user may not touch ("you don't have permission to ...");
- the site history report leaves out another hub's areas and goals (Wagtail shows every row of a model the
  user has a permission on);
- the page types usage report counts and names only pages of the user's hubs.
"""

import functools

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.admin.views.chooser import BrowseView, ChosenMultipleView, page_models_from_string
from wagtail.admin.views.reports.audit_logging import LogEntriesView, SiteHistoryReportFilterSet
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import ModelLogEntry, Page
from wagtail.permissions import policy_registry

from home.hub_admin import HUB_OWNED_MODELS, hub_pages_q, sees_every_hub
from home.hubs import hubs_for_user

MEDIA_ACTIONS = {"add", "change", "delete", "choose"}


def hub_page_paths(user):
    return [hub.site.root_page.path for hub in hubs_for_user(user)]


def page_is_in_reach(user, page):
    """The page is in one of the user's hubs, or above one (the tree root) on the way there."""
    return sees_every_hub(user) or any(
        page.path.startswith(root) or root.startswith(page.path) for root in hub_page_paths(user)
    )


def visible_rows(user, model, queryset):
    """The rows of one model the user may know of: their hubs' pages, media and hub-owned snippets."""
    if sees_every_hub(user):
        return queryset
    if issubclass(model, Page):
        return queryset.filter(hub_pages_q(hubs_for_user(user)))
    if model in HUB_OWNED_MODELS:
        return policy_registry.get_by_type(model).owned(user, queryset)
    if issubclass(model, AbstractImage | AbstractDocument):
        allowed = policy_registry.get_by_type(model).instances_user_has_any_permission_for(user, MEDIA_ACTIONS)
        return queryset.filter(pk__in=allowed.values("pk"))
    return queryset


class HubBrowseView(BrowseView):
    """The page chooser's browse view, opened only on pages in reach; without a parent, for a page type, it opens
    at the common ancestor of that type's pages in the user's hubs (Wagtail's would take every hub's)."""

    def get(self, request, parent_page_id=None):
        user = request.user
        if parent_page_id is not None:
            if not page_is_in_reach(user, get_object_or_404(Page, pk=parent_page_id)):
                raise Http404
        elif not sees_every_hub(user):
            try:
                page_types = page_models_from_string(request.GET.get("page_type") or "wagtailcore.page")
            except (ValueError, LookupError) as error:
                raise Http404 from error
            if page_types != (Page,):
                pages = Page.objects.type(*page_types).filter(hub_pages_q(hubs_for_user(user)))
                parent = pages.first_common_ancestor() if pages.exists() else Page.get_first_root_node()
                parent_page_id = parent.pk
        return super().get(request, parent_page_id=parent_page_id)


class HubChosenMultipleView(ChosenMultipleView):
    """Pages chosen in a multiple page chooser: only those of the user's hubs are described."""

    def get(self, request):
        ids = [pk for pk in request.GET.getlist("id") if pk.isdigit()]
        visible = visible_rows(request.user, Page, Page.objects.filter(pk__in=ids)).values_list("pk", flat=True)
        request.GET = request.GET.copy()
        request.GET.setlist("id", [str(pk) for pk in visible])
        return super().get(request)


class HubBulkActionMixin:
    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        everything = [*objects, *extra["items_with_no_access"]]
        visible = set(
            visible_rows(
                self.request.user, self.model, self.model._default_manager.filter(pk__in=[o.pk for o in everything])
            ).values_list("pk", flat=True)
        )
        no_access = [item for item in extra["items_with_no_access"] if item.pk in visible]
        return [item for item in objects if item.pk in visible], {**extra, "items_with_no_access": no_access}


@functools.cache
def hub_bulk_action_class(action_class):
    return type(f"Hub{action_class.__name__}", (HubBulkActionMixin, action_class), {})


def bulk_action(request, app_label, model_name, action):
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as error:
        raise Http404 from error
    action_class = bulk_action_registry.get_bulk_action_class(app_label, model_name, action)
    if action_class is None:
        raise Http404
    return hub_bulk_action_class(action_class)(request, model).dispatch(request)


def other_hubs_log_entries(user):
    """A Q on ModelLogEntry for entries about hub-owned rows (areas, goals) outside the user's hubs."""
    q = Q(pk__in=[])
    for model in HUB_OWNED_MODELS:
        owned = [str(pk) for pk in policy_registry.get_by_type(model).owned(user).values_list("pk", flat=True)]
        q |= Q(content_type=ContentType.objects.get_for_model(model)) & ~Q(object_id__in=owned)
    return q


def hub_log_entries(user, queryset):
    if sees_every_hub(user) or queryset.model is not ModelLogEntry:
        return queryset
    return queryset.exclude(other_hubs_log_entries(user))


class HubSiteHistoryFilterSet(SiteHistoryReportFilterSet):
    def get_user_choices(self):
        user_ids = set()
        for log_model in log_action_registry.get_log_entry_models():
            entries = hub_log_entries(self.request.user, log_model.objects.viewable_by_user(self.request.user))
            user_ids.update(entries.get_user_ids())
        return super().get_user_choices().filter(pk__in=user_ids)


class HubLogEntriesView(LogEntriesView):
    filterset_class = HubSiteHistoryFilterSet

    def filter_queryset(self, queryset):
        return hub_log_entries(self.request.user, super().filter_queryset(queryset))


class HubPageTypesUsageReportView(PageTypesUsageReportView):
    """Counts and the last edited page of each type, within the user's hubs (superusers: everywhere)."""

    def get_queryset(self):
        if sees_every_hub(self.request.user):
            return super().get_queryset()
        self.queryset = ContentType.objects.filter(model__in=self.page_models)
        queryset = self.filter_queryset(self.queryset)
        hubs = list(hubs_for_user(self.request.user))
        counted, latest = hub_pages_q(hubs, "pages__path"), hub_pages_q(hubs)
        site_root = self.filters.form.cleaned_data.get("site")
        if site_root:
            counted, latest = counted & Q(pages__path__startswith=site_root), latest & Q(path__startswith=site_root)
        latest_page = Page.objects.filter(latest, content_type=OuterRef("pk")).order_by(
            F("latest_revision_created_at").desc(nulls_last=True), "title", "-pk"
        )
        return queryset.annotate(
            count=Count("pages", filter=counted), last_edited_page_id=Subquery(latest_page.values("pk")[:1])
        ).order_by("-count", "app_label", "model")


def admin_view(view):
    return never_cache(require_admin_access(view))


urlpatterns = [
    path("choose-page/", admin_view(HubBrowseView.as_view())),
    path("choose-page/<int:parent_page_id>/", admin_view(HubBrowseView.as_view())),
    path("choose-page/chosen-multiple/", admin_view(HubChosenMultipleView.as_view())),
    path("bulk/<str:app_label>/<str:model_name>/<str:action>/", admin_view(bulk_action)),
    path("reports/site-history/", admin_view(HubLogEntriesView.as_view())),
    path("reports/site-history/results/", admin_view(HubLogEntriesView.as_view(results_only=True))),
    path("reports/page-types-usage/", admin_view(HubPageTypesUsageReportView.as_view())),
    path(
        "reports/page-types-usage/results/",
        admin_view(HubPageTypesUsageReportView.as_view(results_only=True)),
    ),
]
