"""Factories shared by the tests and the demo-data command."""

import wagtail_factories

from goals.models import EvaluationIndexPage


class EvaluationIndexPageFactory(wagtail_factories.PageFactory):
    title = "事業評価"
    slug = "evaluations"
    intro = "重点目標の評価結果と次年度の重点目標を公表しています。"

    class Meta:
        model = EvaluationIndexPage
