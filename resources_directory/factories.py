"""Factories shared by the tests, the demo data and the benchmark."""

from datetime import date, time

import factory
import wagtail_factories

from resources_directory.models import Area, Category, Closure, DirectoryPage, ListingPage, OpeningHours


class DirectoryPageFactory(wagtail_factories.PageFactory):
    title = "地域の子育て情報"
    slug = "directory"
    intro = "近くの子育てサロン、ケアプラザ、つどいの広場、公園などを探せます。"

    class Meta:
        model = DirectoryPage


class CategoryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"カテゴリ{n}")
    slug = factory.Sequence(lambda n: f"category-{n}")

    class Meta:
        model = Category
        django_get_or_create = ["slug"]


class AreaFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"地域{n}")
    slug = factory.Sequence(lambda n: f"area-{n}")
    latitude = 35.39
    longitude = 139.59

    class Meta:
        model = Area
        django_get_or_create = ["slug"]


class ListingPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"子育てサロン {n}")
    slug = factory.Sequence(lambda n: f"listing-{n}")
    kana = factory.Sequence(lambda n: f"こそだてさろん {n}")
    latitude = 35.39
    longitude = 139.59
    last_verified = factory.LazyFunction(date.today)

    class Meta:
        model = ListingPage
        skip_postgeneration_save = True

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create and extracted:
            through = ListingPage.categories.through
            through.objects.bulk_create([through(listingpage=self, category=category) for category in extracted])

    @factory.post_generation
    def hours(self, create, extracted, **kwargs):
        """hours=[(weekday, week_of_month, "10:00", "11:30"), ...]"""
        for weekday, week_of_month, opens, closes in extracted or []:
            OpeningHours.objects.create(
                page=self,
                weekday=weekday,
                week_of_month=week_of_month,
                opens=time.fromisoformat(opens),
                closes=time.fromisoformat(closes),
            )


class ClosureFactory(factory.django.DjangoModelFactory):
    start_date = factory.LazyFunction(date.today)
    end_date = factory.LazyFunction(date.today)
    note = "休館"

    class Meta:
        model = Closure
