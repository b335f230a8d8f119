"""Factories shared by the tests, the demo data and the benchmark."""

from datetime import date, time
from datetime import time as dtime

import factory
import wagtail_factories
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Locale, Page

from home.hubs import all_hubs
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
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = Category
        django_get_or_create = ["slug", "locale"]


class AreaFactory(factory.django.DjangoModelFactory):
    """An area of a hub (the first hub unless told)."""

    hub = factory.LazyFunction(lambda: all_hubs().first())
    name = factory.Sequence(lambda n: f"地域{n}")
    slug = factory.Sequence(lambda n: f"area-{n}")
    latitude = 35.39
    longitude = 139.59
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = Area
        django_get_or_create = ["slug", "locale"]


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

    @factory.post_generation
    def saved_with_relations(self, create, extracted, **kwargs):
        """Categories and hours were written directly: save once more, as the admin does after editing them."""
        if create:
            self.save()


class ClosureFactory(factory.django.DjangoModelFactory):
    start_date = factory.LazyFunction(date.today)
    end_date = factory.LazyFunction(date.today)
    note = "休館"

    class Meta:
        model = Closure


BULK_CENTRE = (35.39, 139.59)
BULK_PREFIXES = [
    "子育てサロン",
    "親子ひろば",
    "つどいの広場",
    "おはなし会",
    "ベビーマッサージ",
    "園庭開放",
    "パパあそび",
    "ふたごの会",
]
# Names of the demo's salons (demo.py) and of the generated listings (their first ten).
SALON_NAMES = [
    "ひよこ",
    "どんぐり",
    "たんぽぽ",
    "すくすく",
    "にこにこ",
    "ぽかぽか",
    "こあら",
    "うさぎ",
    "ひまわり",
    "さくらんぼ",
    "のびのび",
    "わくわく",
]
BULK_NAMES = SALON_NAMES[:10]
BULK_SUMMARY_WORDS = [
    "赤ちゃんと一緒に",
    "公園のそば",
    "保育園の園庭で",
    "雨の日も室内で",
    "双子の親の集まり",
    "授乳室あり",
    "駐車場なし",
]
BULK_OPERATORS = ["港南区社会福祉協議会", "NPO法人 はっち", "地域のボランティア", ""]


def live_child_row(parent, step, title, slug, content_type, locale):
    """An unsaved ``Page`` row for a live child of ``parent`` at tree position ``step`` (for ``bulk_create``)."""
    return Page(
        title=title,
        draft_title=title,
        slug=slug,
        content_type=content_type,
        locale=locale,
        live=True,
        path=Page._get_path(parent.path, parent.depth + 1, step),
        depth=parent.depth + 1,
        numchild=0,
        url_path=f"{parent.url_path}{slug}/",
    )


def bulk_listings(directory, target, rng, centre=BULK_CENTRE, areas=None):
    """Add invented listings below ``directory`` until it has ``target`` children; returns the new ids.

    Around ``centre`` (lat, lng), in one of ``areas`` (default: every area).
    Bulk inserts, no signals, no revisions (benchmarks and the parity test): the caller writes their search
    documents (``search.directory.documents.refresh``).
    """

    directory.refresh_from_db()
    start = directory.numchild
    if start >= target:
        return []
    content_type = ContentType.objects.get_for_model(ListingPage)
    locale = Locale.get_default()
    categories = list(Category.objects.in_default_locale())
    areas = list(Area.objects.in_default_locale() if areas is None else areas)
    last_child = directory.get_last_child()
    last_step = int(last_child.path[-4:], 36) if last_child else 0
    fields = list(ListingPage._meta.local_concrete_fields)
    batch = 2000
    new_ids = []
    with transaction.atomic():
        for offset in range(start, target, batch):
            pages, listings, hours, links = [], [], [], []
            for n in range(offset, min(target, offset + batch)):
                step = last_step + 1 + n - start
                name = f"{rng.choice(BULK_PREFIXES)} {rng.choice(BULK_NAMES)}{n}"
                slug = f"bench-{n}"
                pages.append(live_child_row(directory, step, name, slug, content_type, locale))
            Page.objects.bulk_create(pages)
            created = (
                Page.objects.filter(slug__startswith="bench-", pk__gt=0)
                .filter(path__in=[p.path for p in pages])
                .values_list("path", "pk")
            )
            pk_by_path = dict(created)
            for page in pages:
                low = rng.choice([None, 0, 0, 6, 12, 24])
                high = rng.choice([None, 11, 35, 47, 83]) if low is None or low < 11 else rng.choice([None, 47, 83])
                listing = ListingPage(
                    page_ptr_id=pk_by_path[page.path],
                    kana=page.title if rng.random() < 0.8 else "",
                    summary=" ".join(rng.sample(BULK_SUMMARY_WORDS, 2)) + "（架空の場所）",
                    area=rng.choice(areas),
                    organisation=rng.choice(BULK_OPERATORS),
                    address="横浜市港南区（架空）",
                    postal_code="234-0054",
                    latitude=None if rng.random() < 0.03 else centre[0] + rng.gauss(0, 0.02),
                    longitude=centre[1] + rng.gauss(0, 0.025),
                    min_age_months=low,
                    max_age_months=high,
                    booking_required=rng.random() < 0.3,
                    nursing_room=rng.random() < 0.4,
                    changing_table=rng.random() < 0.6,
                    stroller_access=rng.random() < 0.5,
                    parking=rng.random() < 0.3,
                    rain_ok=rng.random() < 0.5,
                    last_verified=date(2026, rng.randint(1, 10), 1),
                )
                if listing.latitude is None:
                    listing.longitude = None
                listings.append(listing)
                new_ids.append(listing.page_ptr_id)
                for _ in range(rng.choice([1, 1, 2, 3])):
                    hours.append(
                        OpeningHours(
                            page_id=listing.page_ptr_id,
                            weekday=rng.randrange(7),
                            week_of_month=rng.choice([0, 0, 0, 1, 2, 3, -1]),
                            opens=dtime(10),
                            closes=dtime(11, 30),
                        )
                    )
                for category in rng.sample(categories, rng.choice([1, 1, 2])):
                    links.append(ListingPage.categories.through(listingpage_id=listing.page_ptr_id, category=category))
            ListingPage.objects._insert(listings, fields=fields, raw=True)
            OpeningHours.objects.bulk_create(hours)
            ListingPage.categories.through.objects.bulk_create(links)
        Page.objects.filter(pk=directory.pk).update(numchild=target)
    return new_ids
