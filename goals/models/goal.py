import hashlib
import re
import unicodedata

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from home.business_areas import BusinessArea


def normalise(text):
    """The key that links one goal across years: NFKC, no whitespace, no final 。 or ."""
    text = unicodedata.normalize("NFKC", text or "")
    return re.sub(r"\s+", "", text).rstrip("。.")


def goal_key(text):
    return hashlib.sha1(normalise(text).encode()).hexdigest()


class Goal(index.Indexed, models.Model):
    """One priority goal (重点目標) of a hub, followed across the years of a contract period.

    Declared for year Y+1 in year Y's document (NextYearGoal) and evaluated in year Y+1's document
    (EvaluatedGoal). Rows are linked automatically when their texts match after normalisation; staff can
    relink them by hand in the page editor.
    """

    evaluation_index = models.ForeignKey(
        "goals.EvaluationIndexPage", on_delete=models.CASCADE, related_name="goals", verbose_name=_("evaluations")
    )
    title = models.TextField(_("goal"))
    key = models.CharField(_("matching key"), max_length=40, editable=False)
    first_year = models.PositiveSmallIntegerField(_("first fiscal year"), null=True, blank=True)
    business_area = models.CharField(
        _("Business area"),
        max_length=20,
        choices=BusinessArea.choices,
        blank=True,
        help_text=_("The business (事業の内容) this goal mainly concerns; the city's overview filters by it."),
    )

    panels = [FieldPanel("title"), FieldPanel("business_area"), FieldPanel("evaluation_index")]

    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.FilterField("evaluation_index"),
    ]

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["first_year", "pk"]
        constraints = [models.UniqueConstraint(fields=["evaluation_index", "key"], name="goal_unique_per_hub")]
        # City staff (home.permissions.CITY_MODEL_PERMISSIONS) see every hub's goals side by side.
        permissions = [("view_city_overview", "Can see every hub's priority goals")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.key = goal_key(self.title)
        super().save(*args, **kwargs)

    @classmethod
    def for_text(cls, evaluation_index, text, year=None):
        goal, created = cls.objects.get_or_create(
            evaluation_index=evaluation_index, key=goal_key(text), defaults={"title": text, "first_year": year}
        )
        if not created and year and (goal.first_year is None or year < goal.first_year):
            goal.first_year = year
            goal.save(update_fields=["first_year"])
        return goal

    def path(self, live_only=True):
        """[(fiscal year, "declared" | "evaluated", row)] in order, from live documents unless told otherwise."""
        rows = [(row.fiscal_year_of_goal, 0, "declared", row) for row in self.declarations.select_related("page")]
        rows += [(row.fiscal_year_of_goal, 1, "evaluated", row) for row in self.evaluations.select_related("page")]
        if live_only:
            rows = [row for row in rows if row[3].page.live]
        # A goal declared in Y's document for Y+1 comes before its evaluation in Y+1's document.
        return [(year, kind, row) for year, _order, kind, row in sorted(rows, key=lambda r: (r[0], r[1]))]
