"""Directory search benchmark: p50/p95 of typical searches at 1k, 10k (and 100k) listings, next to the raw SQL.

    .venv/bin/python bench/directory_search.py                       # SQLite (var/bench.sqlite3)
    DATABASE_URL=postgres://postgres@127.0.0.1:54329/kosodate .venv/bin/python bench/directory_search.py
    .venv/bin/python bench/directory_search.py --sizes 1000,10000,100000 --runs 50

It builds its own database (kept between runs: var/bench.sqlite3, or kosodate_bench_<checkout> on PostgreSQL),
generates realistic listings around 港南区 cumulatively (1k, then up to 10k...; the counts only grow, so delete
the bench database to start a series again), and times
``search_listings`` (everything the search page and the API do: count, page, prefetches, facets, distances,
next openings) against re-running the exact SQL the ORM issued through a raw cursor (the floor).
"""

import argparse
import hashlib
import os
import random
import statistics
import sys
import time
from datetime import date
from datetime import time as dtime
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django  # noqa: E402

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Locale, Page  # noqa: E402

CENTRE = (35.39, 139.59)
PREFIXES = ["子育てサロン", "親子ひろば", "つどいの広場", "おはなし会", "ベビーマッサージ", "園庭開放", "パパあそび"]
NAMES = ["ひよこ", "どんぐり", "たんぽぽ", "すくすく", "にこにこ", "ぽかぽか", "こあら", "うさぎ", "ひまわり", "さくら"]
QUERIES = {
    "keyword+age+weekday+near (typical)": {"q": "サロン", "age_months": "3", "weekday": "1", "postal_code": "234-0054"},
    "age+distance sort": {"age_months": "8", "lat": "35.3912", "lng": "139.5851", "sort": "distance"},
    "open this week+radius 2 km": {"open_this_week": "true", "postal_code": "233-0004", "radius_km": "2"},
    "category+area by name": {"category": "salon", "area": "hino"},
}


def setup_database():
    checkout = hashlib.sha1(str(BASE_DIR).encode()).hexdigest()[:8]
    sqlite = connection.vendor == "sqlite"
    name = str(BASE_DIR / "var" / "bench.sqlite3") if sqlite else f"kosodate_bench_{checkout}"
    connection.settings_dict.setdefault("TEST", {})["NAME"] = name
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=True)
    from home.demo import build_site
    from resources_directory import demo

    with transaction.atomic(), open(os.devnull, "w") as quiet:
        home = build_site()
        demo.load(home, quiet)  # categories, areas and ~45 hand-made places
    return home


def generate(directory, target, rng):
    """Add listings below ``directory`` until it has ``target`` children (bulk inserts, no signals)."""
    from resources_directory.models import Area, Category, ListingPage, OpeningHours

    directory.refresh_from_db()
    start = directory.numchild
    if start >= target:
        return
    content_type = ContentType.objects.get_for_model(ListingPage)
    locale = Locale.get_default()
    categories = list(Category.objects.all())
    areas = list(Area.objects.all())
    last_child = directory.get_last_child()
    last_step = int(last_child.path[-4:], 36) if last_child else 0
    fields = list(ListingPage._meta.local_concrete_fields)
    batch = 2000
    with transaction.atomic():
        for offset in range(start, target, batch):
            pages, listings, hours, links = [], [], [], []
            for n in range(offset, min(target, offset + batch)):
                step = last_step + 1 + n - start
                name = f"{rng.choice(PREFIXES)} {rng.choice(NAMES)}{n}"
                slug = f"bench-{n}"
                pages.append(
                    Page(
                        title=name,
                        draft_title=name,
                        slug=slug,
                        content_type=content_type,
                        locale=locale,
                        live=True,
                        path=Page._get_path(directory.path, directory.depth + 1, step),
                        depth=directory.depth + 1,
                        numchild=0,
                        url_path=f"{directory.url_path}{slug}/",
                    )
                )
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
                    kana=page.title,
                    summary="架空のベンチマーク用の場所です。",
                    area=rng.choice(areas),
                    address="横浜市港南区（架空）",
                    postal_code="234-0054",
                    latitude=CENTRE[0] + rng.gauss(0, 0.02),
                    longitude=CENTRE[1] + rng.gauss(0, 0.025),
                    min_age_months=low,
                    max_age_months=high,
                    booking_required=rng.random() < 0.3,
                    nursing_room=rng.random() < 0.4,
                    changing_table=rng.random() < 0.6,
                    last_verified=date(2026, rng.randint(1, 10), 1),
                )
                listings.append(listing)
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
                links.append(
                    ListingPage.categories.through(listingpage_id=listing.page_ptr_id, category=rng.choice(categories))
                )
            ListingPage.objects._insert(listings, fields=fields, raw=True)
            OpeningHours.objects.bulk_create(hours)
            ListingPage.categories.through.objects.bulk_create(links)
        Page.objects.filter(pk=directory.pk).update(numchild=target)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def time_query(params, runs):
    from resources_directory.search import search_listings

    now = timezone.localtime()
    search_listings(params, now=now)  # warm up
    orm, raw = [], []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            search_listings(params, now=now)
            orm.append((time.perf_counter() - started) * 1000)
        statements = [q["sql"] for q in captured.captured_queries]
        started = time.perf_counter()
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
                cursor.fetchall()
        raw.append((time.perf_counter() - started) * 1000)
    return orm, raw, len(statements)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    from resources_directory.models import DirectoryPage

    home = setup_database()
    directory = DirectoryPage.objects.child_of(home).get()
    rng = random.Random(2026)
    print(f"database: {connection.vendor}  runs per query: {args.runs}")
    header = (
        f"{'listings':>8}  {'query':<38} {'SQL':>3} {'p50 ms':>8} {'p95 ms':>8} {'raw p50':>8} {'raw p95':>8} "
        f"{'×raw':>5}"
    )
    print(header)
    print("-" * len(header))
    for size in [int(s) for s in args.sizes.split(",")]:
        generate(directory, size, rng)
        directory.refresh_from_db()
        size = directory.numchild  # noqa: PLW2901 - listings only grow: delete the bench database for a fresh series
        for label, params in QUERIES.items():
            orm, raw, statements = time_query(params, args.runs)
            p50, p95 = statistics.median(orm), percentile(orm, 0.95)
            r50, r95 = statistics.median(raw), percentile(raw, 0.95)
            print(
                f"{size:>8}  {label:<38} {statements:>3} {p50:>8.1f} {p95:>8.1f} {r50:>8.1f} {r95:>8.1f} "
                f"{p95 / r95 if r95 else 0:>5.1f}"
            )


if __name__ == "__main__":
    main()
