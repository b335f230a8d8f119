from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from goals.eras import fiscal_year_label
from home.models.sections import SectionIndexPage


class EvaluationIndexPage(RoutablePageMixin, SectionIndexPage):
    """One hub's yearly evaluation documents (重点目標評価結果・次年度重点目標).

    Routes: ``timeline/`` (every goal's path across the years) and ``retrospective/<first year>/`` (a whole
    contract period, 5か年度の振り返り). Both use live documents only.
    """

    subpage_types = ["goals.EvaluationPage"]
    japanese_only = True  # the official record and its timelines: never translated (docs/languages.md)

    # Editors draft evaluations but never publish them: a Manager approves and publishes.
    section_permissions = {
        "Editors": ["add_page", "change_page"],
        "Managers": ["add_page", "change_page", "publish_page", "bulk_delete_page"],
    }

    class Meta:
        verbose_name = _("evaluation index page")

    def live_evaluations(self):
        from goals.models.evaluation import EvaluationPage

        return EvaluationPage.objects.child_of(self).live().public().order_by("fiscal_year")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["evaluations"] = self.live_evaluations()
        context["periods"] = self.contract_periods()
        return context

    def goal_paths(self, evaluations):
        """[(goal, [(year, kind, row), …])] for the goals that appear in the given live documents."""
        pages = {page.pk for page in evaluations}
        paths = []
        for goal in self.goals.all():
            steps = [step for step in goal.path() if step[2].page_id in pages]
            if steps:
                paths.append((goal, steps))
        paths.sort(key=lambda item: (item[1][0][0], item[1][0][2].number))
        return paths

    def contract_periods(self):
        """[(first year, length, [pages])] grouping live documents by contract period."""
        periods = {}
        for page in self.live_evaluations():
            if page.contract_year and page.contract_length:
                first = page.fiscal_year - page.contract_year + 1
                periods.setdefault((first, page.contract_length), []).append(page)
        return [(first, length, pages) for (first, length), pages in sorted(periods.items())]

    @path("")
    def index_view(self, request):
        return self.render(request)

    @path("timeline/", name="timeline")
    def timeline(self, request):
        evaluations = list(self.live_evaluations())
        context = self.get_context(request)
        context.update(paths=self.goal_paths(evaluations), years=[page.fiscal_year for page in evaluations])
        return render(request, "goals/timeline.html", context)

    @path("retrospective/<int:first_year>/", name="retrospective")
    def retrospective(self, request, first_year):
        matches = [period for period in self.contract_periods() if period[0] == first_year]
        if not matches:
            raise Http404
        first, length, pages = matches[0]
        context = self.get_context(request)
        context.update(
            first_year=first,
            last_year=first + length - 1,
            period_label=f"{fiscal_year_label(first)}～{fiscal_year_label(first + length - 1)}",
            length=length,
            documents=pages,
            paths=self.goal_paths(pages),
        )
        return render(request, "goals/retrospective.html", context)
