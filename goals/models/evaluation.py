from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Orderable, Page
from wagtail.search import index

from goals.eras import era_label, fiscal_year_label, parse_year
from home.hub_page_form import HubPageForm

LINES_HELP = _("One item per line.")


def lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class EvaluationPage(Page):
    """One hub's yearly evaluation document: 重点目標評価結果・次年度重点目標."""

    ward = models.CharField(_("ward"), max_length=50)
    operators = models.TextField(_("operators"), help_text=LINES_HELP)
    ward_division = models.CharField(_("ward division"), max_length=100, blank=True)
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year evaluated"),
        validators=[MinValueValidator(1989), MaxValueValidator(2200)],
        help_text=_("Western year in which the fiscal year starts, e.g. 2021 for 令和3年度."),
    )
    year_label = models.CharField(
        _("fiscal year as written"),
        max_length=20,
        blank=True,
        help_text=_("As the document writes it, e.g. 平成31年度. Empty: the current era's name (令和元年度)."),
    )
    next_year_label = models.CharField(
        _("next fiscal year as written"),
        max_length=20,
        blank=True,
        help_text=_("As the document writes it, e.g. 令和2年度. Empty: the current era's name."),
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    contract_year = models.PositiveSmallIntegerField(_("year of the contract"), null=True, blank=True)
    contract_length = models.PositiveSmallIntegerField(_("contract length in years"), null=True, blank=True)
    purpose = models.TextField(_("purpose of the business"), blank=True)
    principles = models.TextField(_("operating principles"), blank=True, help_text=LINES_HELP)
    business_areas = models.TextField(_("business areas"), blank=True, help_text=LINES_HELP)
    evaluation_method = models.TextField(_("evaluation and publication method"), blank=True, help_text=LINES_HELP)

    base_form_class = HubPageForm  # the goals its rows link to: its hub's

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("ward"), FieldPanel("fiscal_year")]),
                FieldRowPanel([FieldPanel("year_label"), FieldPanel("next_year_label")]),
                FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
                FieldRowPanel([FieldPanel("contract_year"), FieldPanel("contract_length")]),
                FieldPanel("operators"),
                FieldPanel("ward_division"),
            ],
            heading=_("Document"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("purpose"),
                FieldPanel("principles"),
                FieldPanel("business_areas"),
                FieldPanel("evaluation_method"),
            ],
            heading=_("The business"),
        ),
        InlinePanel("evaluated_goals", heading=_("Goals evaluated"), label=_("evaluated goal")),
        InlinePanel("next_goals", heading=_("Next year's goals"), label=_("next year's goal")),
    ]

    # Every text of the document is found by the site search (search.documents reads these).
    search_fields = [
        *Page.search_fields,
        *(
            index.SearchField(name)
            for name in (
                "ward",
                "operators",
                "ward_division",
                "year_label",
                "purpose",
                "principles",
                "business_areas",
                "evaluation_method",
            )
        ),
        index.FilterField("fiscal_year"),
        index.RelatedFields(
            "evaluated_goals", [index.SearchField(name) for name in ("text", "actions", "results", "issues")]
        ),
        index.RelatedFields("next_goals", [index.SearchField("text"), index.SearchField("actions")]),
    ]

    parent_page_types = ["goals.EvaluationIndexPage"]
    subpage_types = []
    # The hub's official record: never translated, shown in Japanese in every language (docs/languages.md).
    japanese_only = True

    api_fields = [
        APIField(name)
        for name in (
            "ward",
            "operators",
            "ward_division",
            "fiscal_year",
            "year_label",
            "next_year_label",
            "period_start",
            "period_end",
            "contract_year",
            "contract_length",
            "purpose",
            "principles",
            "business_areas",
            "evaluation_method",
            "evaluated_goals",
            "next_goals",
        )
    ]

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def clean(self):
        super().clean()
        if self.period_start and self.period_end and self.period_end <= self.period_start:
            raise ValidationError({"period_end": _("The period must end after it starts.")})
        if self.contract_year and self.contract_length and self.contract_year > self.contract_length:
            raise ValidationError({"contract_year": _("The year must be within the contract.")})
        for name, year in (("year_label", self.fiscal_year), ("next_year_label", (self.fiscal_year or 0) + 1)):
            label = getattr(self, name)
            if label and self.fiscal_year and parse_year(label) != year:
                raise ValidationError({name: _("This label does not name the fiscal year %(year)s.") % {"year": year}})
        parent = self.get_parent() if self.pk else None
        if parent is not None and self.fiscal_year:
            clash = EvaluationPage.objects.child_of(parent).filter(fiscal_year=self.fiscal_year).exclude(pk=self.pk)
            if clash.exists():
                raise ValidationError({"fiscal_year": _("This hub already has an evaluation for that year.")})

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.link_goals()

    def link_goals(self):
        """Link rows without a goal to the hub's Goal with the same normalised text (creating it)."""
        from goals.models.goal import Goal

        if not self.pk or not self.fiscal_year:
            return
        parent = self.get_parent()
        if parent is None:
            return
        parent = parent.specific
        for row in [*self.evaluated_goals.all(), *self.next_goals.all()]:
            if row.pk and row.goal_id is None and row.text:
                row.goal = Goal.for_text(parent, row.text, row.fiscal_year_of_goal)
                row.save(update_fields=["goal"])

    # Display helpers ---------------------------------------------------------------------------------
    @property
    def fiscal_year_label(self):
        """As the document writes it (平成31年度), else the current era's label (令和元年度)."""
        return self.year_label or fiscal_year_label(self.fiscal_year)

    @property
    def next_fiscal_year_label(self):
        return self.next_year_label or fiscal_year_label(self.fiscal_year + 1)

    @property
    def period_label(self):
        return f"{era_date(self.period_start)}～{era_date(self.period_end)}"

    @property
    def operator_list(self):
        return lines(self.operators)

    @property
    def principle_list(self):
        return lines(self.principles)

    @property
    def business_area_list(self):
        return lines(self.business_areas)

    @property
    def evaluation_method_list(self):
        return lines(self.evaluation_method)

    def completeness_problems(self):
        """What keeps this document from approval (empty list = complete)."""
        problems = []
        evaluated = list(self.evaluated_goals.all())
        if not evaluated:
            problems.append(gettext("There are no evaluated goals."))
        for number, goal in enumerate(evaluated, start=1):
            for attribute, label in (
                ("actions", gettext("actions")),
                ("results", gettext("results")),
                ("issues", gettext("issues")),
            ):
                if not lines(getattr(goal, attribute)):
                    problems.append(gettext("Goal %(number)s has no %(part)s.") % {"number": number, "part": label})
        if not list(self.next_goals.all()):
            problems.append(gettext("Next year's goals are missing."))
        return problems

    def empty_sections(self):
        """The document's optional parts that are empty (named on the edit screen; they do not block approval)."""
        names = ("ward_division", "purpose", "principles", "business_areas", "evaluation_method")
        return [str(self._meta.get_field(name).verbose_name) for name in names if not getattr(self, name).strip()]

    def serve(self, request, *args, **kwargs):
        if request.GET.get("format") in ("txt", "xlsx"):
            return self.download(request.GET["format"])
        return super().serve(request, *args, **kwargs)

    def download(self, kind, disposition="inline"):
        """The document in the published text format (txt) or as the template's Excel workbook (xlsx)."""
        from goals.importer.exporter import export
        from goals.importer.workbook import XLSX_TYPE, workbook_bytes

        if kind == "xlsx":
            response = HttpResponse(workbook_bytes(self), content_type=XLSX_TYPE)
            disposition = "attachment"
        else:
            response = HttpResponse(export(self), content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = f'{disposition}; filename="evaluation-{self.fiscal_year}.{kind}"'
        return response


def era_date(value):
    """2021-04-01 → 令和3年4月1日 (dates before 1 May 2019 in 平成)."""
    from datetime import date

    if value < date(2019, 5, 1):
        year = f"平成{'元' if value.year == 1989 else value.year - 1988}年"
    else:
        year = era_label(value.year)
    return f"{year}{value.month}月{value.day}日"


class EvaluatedGoal(Orderable):
    """A goal evaluated in this document: 重点目標N with 取組内容, 取組の成果, 取組の課題."""

    page = ParentalKey(EvaluationPage, on_delete=models.CASCADE, related_name="evaluated_goals")
    goal = models.ForeignKey(
        "goals.Goal",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evaluations",
        verbose_name=_("linked goal"),
        help_text=_("Filled in automatically from the text; change it to relink."),
    )
    text = models.TextField(_("goal"))
    actions = models.TextField(_("actions (取組内容)"), blank=True, help_text=LINES_HELP)
    results = models.TextField(_("results (取組の成果)"), blank=True, help_text=LINES_HELP)
    issues = models.TextField(_("issues (取組の課題)"), blank=True, help_text=LINES_HELP)

    panels = [
        FieldPanel("text"),
        FieldPanel("actions"),
        FieldPanel("results"),
        FieldPanel("issues"),
        FieldPanel("goal"),
    ]
    api_fields = [APIField("text"), APIField("actions"), APIField("results"), APIField("issues")]

    @property
    def number(self):
        return (self.sort_order or 0) + 1

    @property
    def fiscal_year_of_goal(self):
        return self.page.fiscal_year

    @property
    def action_list(self):
        return lines(self.actions)

    @property
    def result_list(self):
        return lines(self.results)

    @property
    def issue_list(self):
        return lines(self.issues)


class NextYearGoal(Orderable):
    """A goal declared for the following year (次年度重点目標) with its planned actions."""

    page = ParentalKey(EvaluationPage, on_delete=models.CASCADE, related_name="next_goals")
    goal = models.ForeignKey(
        "goals.Goal",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="declarations",
        verbose_name=_("linked goal"),
        help_text=_("Filled in automatically from the text; change it to relink."),
    )
    text = models.TextField(_("goal"))
    actions = models.TextField(_("actions (取組内容)"), blank=True, help_text=LINES_HELP)

    panels = [FieldPanel("text"), FieldPanel("actions"), FieldPanel("goal")]
    api_fields = [APIField("text"), APIField("actions")]

    @property
    def number(self):
        return (self.sort_order or 0) + 1

    @property
    def fiscal_year_of_goal(self):
        return self.page.fiscal_year + 1

    @property
    def action_list(self):
        return lines(self.actions)
