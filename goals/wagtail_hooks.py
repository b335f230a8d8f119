from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet

from goals.admin_views import export_evaluation, import_evaluation, indexes_for
from goals.city import can_view
from goals.city_views import city_goals, export
from goals.models import EvaluationIndexPage, EvaluationPage, Goal
from home.hub_admin import HubOwnedViewSet, hub_pages_q


class GoalViewSet(HubOwnedViewSet):
    """Goals belong to the hub of their evaluations index: its staff see and keep only their own hub's."""

    model = Goal
    icon = "snippet"
    list_display = ["title", "evaluation_index", "first_year", "business_area"]
    owner_field = "evaluation_index"

    @staticmethod
    def owned_by(hubs):
        # A plain id list: the search backend filters on evaluation_index (an index.FilterField).
        return Q(evaluation_index__in=list(GoalViewSet.owner_choices(hubs).values_list("pk", flat=True)))

    @staticmethod
    def owner_choices(hubs):
        return EvaluationIndexPage.objects.filter(hub_pages_q(hubs))


register_snippet(GoalViewSet)


@hooks.register("register_admin_urls")
def register_import_url():
    return [
        path("goals/import/", import_evaluation, name="goals_import"),
        path("goals/<int:page_id>/export.<str:kind>", export_evaluation, name="goals_export"),
    ]


@hooks.register("register_page_header_buttons")
def evaluation_export_buttons(page, user, view_name, next_url=None):
    """Download the document as the template's Excel workbook or as text, from the page's header menu."""
    if isinstance(page.specific_deferred, EvaluationPage) and page.permissions_for_user(user).can_edit():
        for priority, kind, label in (
            (80, "xlsx", gettext_lazy("Download as Excel")),
            (81, "txt", gettext_lazy("Download as text")),
        ):
            yield Button(label, reverse("goals_export", args=(page.pk, kind)), icon_name="download", priority=priority)


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return indexes_for(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        gettext_lazy("Import evaluation"),
        reverse("goals_import"),
        icon_name="upload",
        name="import-evaluation",
        order=350,
    )


def incomplete_message(problems):
    return _("This evaluation cannot be approved or published yet: %(problems)s") % {"problems": " ".join(problems)}


@hooks.register("before_edit_page")
def warn_about_incomplete_evaluation(request, page):
    """On the edit screen, name what the document still lacks (an imported draft is often incomplete): what
    keeps it from approval, and its empty optional sections."""
    if request.method == "GET" and isinstance(page.specific, EvaluationPage):
        revision = page.get_latest_revision()
        draft = revision.as_object() if revision else page.specific
        problems = draft.completeness_problems()
        if problems:
            messages.warning(request, incomplete_message(problems))
        empty = draft.empty_sections()
        if empty:
            messages.info(request, _("Empty sections: %(sections)s.") % {"sections": "、".join(empty)})


@hooks.register("before_publish_page")
def refuse_incomplete_evaluation(request, page):
    """Completeness check before a direct publish from the editor."""
    if isinstance(page.specific, EvaluationPage):
        problems = page.specific.completeness_problems() if page.pk else []
        revision = page.get_latest_revision() if page.pk else None
        if revision is not None:
            problems = revision.as_object().completeness_problems()
        if problems:
            messages.error(request, incomplete_message(problems))
            return redirect(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    return None


# The city's view of every hub's goals (goals/city_views.py) ---------------------------------------------------
@hooks.register("register_admin_urls")
def register_city_goals_urls():
    return [
        path("city/goals/", city_goals, name="city_goals"),
        path("city/goals/export.csv", export, {"kind": "csv"}, name="city_goals_csv"),
        path("city/goals/export.xlsx", export, {"kind": "xlsx"}, name="city_goals_xlsx"),
    ]


class CityGoalsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view(request.user)


@hooks.register("register_admin_menu_item")
def register_city_goals_menu_item():
    return CityGoalsMenuItem(
        gettext_lazy("Priority goals of all hubs"),
        reverse("city_goals"),
        icon_name="table",
        name="city-goals",
        order=360,
    )
