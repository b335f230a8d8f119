"""Factories shared by the tests and the demo-data command."""

import factory
import wagtail_factories

from home.models import HomePage, ProgramIndexPage, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "港南区地域子育て支援拠点 はっち"
    intro = "妊娠中から就学前までの親子が、いつでも気軽に立ち寄れる場所です。"

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"お知らせ {n}")
    intro = "拠点からのお知らせです。"

    class Meta:
        model = StandardPage


class ProgramIndexPageFactory(wagtail_factories.PageFactory):
    title = "講座・イベント"
    slug = "programs"
    intro = "プレママ・プレパパ講座、沐浴体験、出張ひろば、公園あそびなど。"

    class Meta:
        model = ProgramIndexPage
