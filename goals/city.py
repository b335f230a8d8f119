"""The city's view of every hub's priority goals (重点目標) for one fiscal year, side by side.

A hub's priority goals for fiscal year Y are the goals evaluated in its published document for Y
(重点目標評価結果). While that document is not published yet (the year is under way, or its review is not
finished), they are the goals its published document for Y-1 set for Y (次年度重点目標), marked as not yet
evaluated. The two are never mixed: once Y's document is published it is the record of Y's goals (they may
have been reworded since they were set). Only live documents outside private sections count, so drafts and
unpublished changes of any hub never show. The number of queries does not depend on the number of hubs.
"""

from dataclasses import dataclass, field

from django import forms
from django.db.models import Prefetch, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from goals.eras import fiscal_year_label
from goals.models import EvaluatedGoal, EvaluationIndexPage, EvaluationPage, NextYearGoal
from home.business_areas import BusinessArea
from home.hub_scope import below
from home.hubs import hub_finder

PERMISSION = "goals.view_city_overview"
EVALUATED, DECLARED = "evaluated", "declared"
STATE_LABELS = {
    EVALUATED: _("Evaluated (results published)"),
    DECLARED: _("Set for the year, not yet evaluated"),
}
UNCLASSIFIED = "unclassified"
AREA_LABELS = dict(BusinessArea.choices)


def can_view(user):
    return user.is_active and user.has_perm(PERMISSION)


def published_documents():
    return EvaluationPage.objects.live().public()


def available_years():
    """Fiscal years with published goals, latest first: each document's year and the year it sets goals for."""
    years = set()
    for year in published_documents().order_by().values_list("fiscal_year", flat=True).distinct():
        years.update((year, year + 1))
    return sorted(years, reverse=True)


def wards_of(hubs):
    """The hubs' wards in hub order, each once."""
    return list(dict.fromkeys(hub.ward for hub in hubs if hub.ward))


class CityGoalsForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Fiscal year"), coerce=int, required=False, empty_value=None)
    area = forms.ChoiceField(label=_("Business area"), required=False)
    ward = forms.MultipleChoiceField(
        label=_("Ward"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every ward."),
    )

    def __init__(self, data, *, years, wards):
        data = data.copy()
        if years and not data.get("year"):
            data["year"] = str(years[0])
        super().__init__(data)
        self.fields["year"].choices = [(year, fiscal_year_label(year)) for year in years]
        self.fields["area"].choices = [
            ("", gettext("Every business area")),
            *BusinessArea.choices,
            (UNCLASSIFIED, gettext("Not classified")),
        ]
        self.fields["ward"].choices = [(ward, ward) for ward in wards]

    def filters(self):
        """(year, wards, area) from a valid form."""
        data = self.cleaned_data
        return data["year"], data["ward"], data["area"]


@dataclass
class GoalRow:
    number: int
    text: str
    business_area: str
    state: str

    @property
    def business_area_label(self):
        return AREA_LABELS.get(self.business_area, self.business_area)

    @property
    def state_label(self):
        return STATE_LABELS[self.state]


@dataclass
class HubColumn:
    """One hub's goals for the year, the document they come from and the hub's evaluations index."""

    hub: object
    document: EvaluationPage | None = None
    state: str | None = None  # EVALUATED or DECLARED when there is a document
    index: EvaluationIndexPage | None = None
    rows: list = field(default_factory=list)

    @property
    def state_label(self):
        return STATE_LABELS[self.state] if self.state else ""

    def chain_links(self, request):
        """[(label, url)]: the hub's public goal timeline and the retrospective of the document's contract period."""
        base = self.index.get_url(request) if self.index is not None else None
        if base is None:
            return []
        links = [(gettext("Goals across the years"), base + self.index.reverse_subpage("timeline"))]
        document = self.document
        if document is not None and document.contract_year and document.contract_length:
            first = document.fiscal_year - document.contract_year + 1
            label = gettext("%(length)s-year retrospective (%(period)s)") % {
                "length": document.contract_length,
                "period": f"{fiscal_year_label(first)}～{fiscal_year_label(first + document.contract_length - 1)}",
            }
            links.append((label, base + self.index.reverse_subpage("retrospective", args=(first,))))
        return links


def area_filter(area):
    if not area:
        return Q()
    if area == UNCLASSIFIED:
        return Q(goal__isnull=True) | Q(goal__business_area="")
    return Q(goal__business_area=area)


def hub_columns(hubs, year, area=""):
    """[HubColumn] for the given hubs (in their order) and fiscal year, rows filtered by business area."""
    hubs = list(hubs)
    columns = {hub.pk: HubColumn(hub) for hub in hubs}
    if not hubs or year is None:
        return list(columns.values())
    scope = below(hub.site.root_page.path for hub in hubs)
    area_rows = area_filter(area)
    documents = (
        published_documents()
        .filter(scope, fiscal_year__in=(year - 1, year))
        .order_by("fiscal_year")  # Y-1 first: Y's document, when published, replaces what Y-1 set
        .prefetch_related(  # two queries however many hubs; each document uses one of the two
            Prefetch("evaluated_goals", EvaluatedGoal.objects.filter(area_rows).select_related("goal"), "evaluated"),
            Prefetch("next_goals", NextYearGoal.objects.filter(area_rows).select_related("goal"), "declared"),
        )
    )
    hub_of = hub_finder(hubs)  # the hubs' trees and their translations, read once
    for document in documents:
        column = columns[hub_of(document.path).pk]
        column.document = document
        column.state = EVALUATED if document.fiscal_year == year else DECLARED
        found = document.evaluated if column.state == EVALUATED else document.declared
        column.rows = [goal_row(row, column.state) for row in found]
    for index_page in EvaluationIndexPage.objects.filter(scope).order_by("path"):
        column = columns[hub_of(index_page.path).pk]
        column.index = column.index or index_page
    return list(columns.values())


def goal_row(row, state):
    return GoalRow(row.number, row.text, row.goal.business_area if row.goal is not None else "", state)


def export_rows(columns, year):
    """The table as rows of cells: a header, then one row per (hub, goal)."""
    header = [
        gettext("Ward"),
        gettext("Hub"),
        gettext("Fiscal year"),
        gettext("Fiscal year (western)"),
        gettext("Goal number"),
        gettext("Priority goal"),
        gettext("Business area"),
        gettext("State"),
    ]
    rows = [header]
    for column in columns:
        for row in column.rows:
            rows.append(
                [
                    column.hub.ward,
                    column.hub.hub_name,
                    fiscal_year_label(year),
                    year,
                    row.number,
                    row.text,
                    str(row.business_area_label),
                    str(row.state_label),
                ]
            )
    return rows
