"""Directory search benchmark: p50/p95 of typical searches at 1k, 10k (and 100k) listings, next to the raw SQL.

    .venv/bin/python bench/directory_search.py                       # SQLite (var/bench.sqlite3)
    DATABASE_URL=postgres://postgres@127.0.0.1:54329/kosodate .venv/bin/python bench/directory_search.py
    .venv/bin/python bench/directory_search.py --sizes 1000,10000,100000 --runs 50

It builds its own database (kept between runs: var/bench.sqlite3, or kosodate_bench_<checkout> on PostgreSQL),
generates realistic listings around 港南区 cumulatively (1k, then up to 10k...; the counts only grow, so delete
the bench database to start a series again), and times
``search.directory.search_directory`` (everything the search page and the API do: count, page, prefetches, facets,
distances, next openings) against re-running the exact SQL the ORM issued through a raw cursor (the floor).
"""

import argparse
import hashlib
import os
import random
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

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


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def time_query(params, runs):
    from search.directory import search_directory as search_listings

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
    from resources_directory.factories import bulk_listings
    from resources_directory.models import DirectoryPage
    from search.directory import documents

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
        documents.refresh(bulk_listings(directory, size, rng))
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
