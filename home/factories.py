"""Factories shared by the tests and the demo-data command."""

from datetime import date, time, timedelta

import factory
import wagtail_factories

from home.business_areas import BusinessArea
from home.life_stages import LifeStage
from home.models import BookingMethod, HomePage, ProgramIndexPage, ProgramPage, ProgramSession, StandardPage


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


class ProgramPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"ひろばプログラム {n}")
    summary = "親子でゆったり過ごせるプログラムです。"
    business_area = BusinessArea.PLAY_ROOM
    life_stages = factory.LazyFunction(lambda: [LifeStage.AGE_0_EARLY.value, LifeStage.AGE_0_LATE.value])
    place_name = "はっち 親子のひろば"
    area_name = "港南中央"
    booking = BookingMethod.NOT_NEEDED

    class Meta:
        model = ProgramPage


class ProgramSessionFactory(factory.django.DjangoModelFactory):
    """A single session; pass frequency/weekday/week_of_month/until for a rule."""

    page = factory.SubFactory(ProgramPageFactory)
    frequency = "once"
    date = factory.LazyFunction(lambda: date.today() + timedelta(days=7))
    start_time = time(10, 0)
    end_time = time(11, 30)
    skip_holidays = True

    class Meta:
        model = ProgramSession
