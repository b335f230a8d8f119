"""Directory search across hubs at city scale: 18 hubs × 500 listings, one hub's search vs every hub's.

    DATABASE_URL=postgres://postgres@127.0.0.1:54329/kosodate .venv/bin/python bench/hubs.py
    DATABASE_URL=… SEARCH_ENGINE_URL=http://127.0.0.1:9200 .venv/bin/python bench/hubs.py   # + the engine
    make bench-hubs

It builds its own database once (kept between runs: ``kosodate_bench_hubs_<checkout>`` on PostgreSQL, or
``var/bench-hubs.sqlite3``): the demo hub (港南区) plus 17 hubs made by ``create_hub``, their centres ~5 km apart
on a 6 × 3 grid so that neighbouring wards' places mix near the borders, three areas each, and ``--listings``
generated places per hub (``resources_directory.factories.bulk_listings``: bulk inserts) with their search
documents. The programs of the same data set are bench/hubs_agenda.py's part.

For each question a family asks at the border between the first two hubs it times the whole
``search.directory.search_directory`` (as the hub's directory page asks it: its own hub by default, or
``hub=all``), the database backend alone and, with SEARCH_ENGINE_URL (index prefix ``bench-hubs``), the engine
alone, and counts the SQL queries of the whole search. Goals (issue 16): the same number of queries for every hub
as for one, and every hub's p95 within 2× of one hub's. Exit status 1 when a goal is missed.
"""

import argparse
import os
import random
import sys

from directory_search import timed, use_database  # (also sets Django up)
from django.conf import settings
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

HUBS = 18
GRID = (6, 3)  # columns (east) × rows (north) of hub centres
ORIGIN = (35.39, 139.59)  # the demo hub's centre (港南区)
STEP = (0.045, 0.055)  # degrees between neighbouring hub centres (~5 km)
BORDER = (ORIGIN[0], ORIGIN[1] + STEP[1] / 2)  # halfway between the first two hubs
QUESTIONS = {
    "keyword + location (サロン, relevance)": {"q": "サロン", "lat": f"{BORDER[0]}", "lng": f"{BORDER[1]}"},
    "family: age + location, nearest first": {"age_months": "3", "lat": f"{BORDER[0]}", "lng": f"{BORDER[1]}"},
    "keyword + age + nearest (ひろば)": {
        "q": "ひろば",
        "age_months": "6",
        "lat": f"{BORDER[0]}",
        "lng": f"{BORDER[1]}",
        "sort": "distance",
    },
    "keyword only (おやこ)": {"q": "おやこ"},
}


def centre(number):
    column, row = number % GRID[0], number // GRID[0]
    return ORIGIN[0] + row * STEP[0], ORIGIN[1] + column * STEP[1]


def build(listings, rng):
    """The hubs, areas, listings and documents (only what is missing: a second run reuses them)."""
    from home.demo import build_site
    from home.hub_setup import create_hub
    from home.hubs import all_hubs
    from resources_directory import demo
    from resources_directory.factories import bulk_listings
    from resources_directory.models import Area, DirectoryPage
    from search.directory import documents

    if not all_hubs().exists():
        with transaction.atomic(), open(os.devnull, "w") as quiet:
            demo.load(build_site(), quiet)
    for number in range(all_hubs().count(), HUBS):
        slug = f"ward{number + 1:02d}"
        ward = f"第{number + 1}区"
        hub = create_hub(name=f"{ward}地域子育て支援拠点", ward=ward, hostname=f"{slug}.localhost", slug=slug)
        lat, lng = centre(number)
        Area.objects.bulk_create(
            Area(hub=hub, name=f"{ward}{n + 1}丁目", slug=f"{slug}-{n + 1}", latitude=lat, longitude=lng + n * 0.01)
            for n in range(3)
        )
    new_ids = []
    for number, hub in enumerate(all_hubs()):
        directory = DirectoryPage.objects.filter(path__startswith=hub.site.root_page.path).get()
        areas = list(Area.objects.filter(hub=hub)) or None
        new_ids += bulk_listings(directory, listings, rng, centre=centre(number), areas=areas)
    for start in range(0, len(new_ids), 2000):
        with transaction.atomic():
            documents.refresh(new_ids[start : start + 2000])
    if connection.vendor == "postgresql" and new_ids:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return list(all_hubs())


def engine():
    """The node of SEARCH_ENGINE_URL with its own index prefix, filled from the documents, or None."""
    if not os.environ.get("SEARCH_ENGINE_URL"):
        return None
    from search.backends.opensearch import OpenSearchEngine
    from search.directory import documents

    settings.SEARCH_ENGINE_URL = os.environ["SEARCH_ENGINE_URL"]
    settings.SEARCH_ENGINE_INDEX_PREFIX = "bench-hubs"
    node = OpenSearchEngine.from_settings()
    node.rebuild_listings(documents.engine_documents())
    return node


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--listings", type=int, default=500, help="listings per hub")
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    from search.backends.database import DatabaseEngine
    from search.directory import query_for, search_directory
    from search.models import ListingDocument

    use_database("bench-hubs")
    hubs = build(args.listings, random.Random(16))
    home = hubs[0]
    node = engine()
    database, now = DatabaseEngine(), timezone.localtime()
    print(
        f"{len(hubs)} hubs, {ListingDocument.objects.count()} listings on {connection.vendor}; "
        f"engine: {node.name if node else '-'}; {args.runs} runs a question; at the border of {home.ward}"
    )
    print()
    print("| question | hubs | found | SQL | database p50 / p95 ms | engine p50 / p95 ms | whole p50 / p95 ms |")
    print("|---|---|---:|---:|---:|---:|---:|")
    missed = []
    for label, params in QUESTIONS.items():
        rows = {}
        for scope, scoped in (("one hub", params), ("all hubs", {**params, "hub": "all"})):
            query = query_for(scoped, now.date(), home_hub=home)
            with CaptureQueriesContext(connection) as captured:
                result = search_directory(scoped, now=now, home_hub=home, facets=False)
            on_database = timed(lambda q=query: database.search_directory(q), args.runs)
            on_engine = timed(lambda q=query: node.search_directory(q), args.runs) if node else None
            whole = timed(lambda p=scoped: search_directory(p, now=now, home_hub=home, facets=False), args.runs)
            rows[scope] = (len(captured), on_database, whole)
            engine_cell = f"{on_engine[0]:.1f} / {on_engine[1]:.1f}" if on_engine else "–"
            print(
                f"| {label} | {scope} | {result.count} | {len(captured)} | {on_database[0]:.1f} / "
                f"{on_database[1]:.1f} | {engine_cell} | {whole[0]:.1f} / {whole[1]:.1f} |"
            )
        (one_sql, _one_db, one_whole), (all_sql, _all_db, all_whole) = rows["one hub"], rows["all hubs"]
        if all_sql != one_sql:
            missed.append(f"{label}: {all_sql} queries for every hub, {one_sql} for one")
        if all_whole[1] > 2 * one_whole[1]:
            missed.append(f"{label}: p95 {all_whole[1]:.1f} ms for every hub > 2 × {one_whole[1]:.1f} ms")
    print()
    for line in missed:
        print("goal missed:", line)
    if not missed:
        print("goals met: the same SQL queries for every hub as for one; every hub's p95 within 2× of one hub's")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
