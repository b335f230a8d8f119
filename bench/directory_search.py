"""Directory search benchmark: p50/p95 of typical searches at 1k, 10k and 100k listings, per backend.

    .venv/bin/python bench/directory_search.py                       # SQLite (var/bench.sqlite3)
    DATABASE_URL=postgres://postgres@127.0.0.1:54329/kosodate .venv/bin/python bench/directory_search.py
    SEARCH_ENGINE_URL=http://127.0.0.1:9200 .venv/bin/python bench/directory_search.py --sizes 1000,10000,100000
    make bench-directory                                             # all three backends, 1k / 10k / 100k

It builds its own database (kept between runs: var/bench.sqlite3, or kosodate_bench_<checkout> on PostgreSQL),
generates realistic listings around 港南区 cumulatively (1k, then up to 10k...; the counts only grow, so delete
the bench database to start a series again) with their search documents, and prints a markdown table: the
database backend's answer (count, facets, the page's ids), the engine's answer to the same question when
SEARCH_ENGINE_URL is set (index prefix ``bench-directory``), and the whole ``search.directory.search_directory``
(validation, the configured backend, the 20 listing pages with their prefetches, distances and next openings).
``--at 10:30``: "open now" is asked at that time today (the generated places open 10:00–11:30 on some days).
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
    "family: age+weekday+postal, nearest": {
        "age_months": "3",
        "weekday": "2",
        "postal_code": "234-0054",
        "sort": "distance",
    },
    "keyword+age+weekday+near": {"q": "サロン", "age_months": "3", "weekday": "1", "postal_code": "234-0054"},
    "hiragana keyword (おやこ)": {"q": "おやこ"},
    "amenity word+area (授乳室)": {"q": "授乳室", "area": ["hino"]},
    "open this week+radius 2 km": {"open_this_week": "true", "postal_code": "233-0004", "radius_km": "2"},
    "category+area by name": {"category": ["salon"], "area": ["hino"]},
    "open now": {"open_now": "1"},
    "open now+age, nearest": {"open_now": "1", "age_months": "6", "postal_code": "234-0054", "sort": "distance"},
}


def use_database(name):
    """The bench's own database, kept between runs: var/<name>.sqlite3, or kosodate_<name>_<checkout> on PostgreSQL."""
    checkout = hashlib.sha1(str(BASE_DIR).encode()).hexdigest()[:8]
    sqlite = connection.vendor == "sqlite"
    path = str(BASE_DIR / "var" / f"{name}.sqlite3") if sqlite else f"kosodate_{name.replace('-', '_')}_{checkout}"
    connection.settings_dict.setdefault("TEST", {})["NAME"] = path
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=True)


def setup_database():
    use_database("bench")
    from home.demo import build_site
    from resources_directory import demo

    with transaction.atomic(), open(os.devnull, "w") as quiet:
        home = build_site()
        demo.load(home, quiet)  # categories, areas and ~45 hand-made places
    return home


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def timed(call, runs):
    call()  # warm up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), percentile(times, 0.95)


def directory_query(params, directory, now):
    from search.directory import query_for

    return query_for(params, now.date(), directory, now=now)


def engine():
    """The OpenSearch/Elasticsearch node of SEARCH_ENGINE_URL (its own index prefix), or None."""
    from django.conf import settings

    if not os.environ.get("SEARCH_ENGINE_URL"):
        return None
    settings.SEARCH_ENGINE_URL = os.environ["SEARCH_ENGINE_URL"]
    settings.SEARCH_ENGINE_INDEX_PREFIX = "bench-directory"
    from search.backends.opensearch import OpenSearchEngine

    return OpenSearchEngine.from_settings()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--at", help="today at HH:MM (Asia/Tokyo) for open now; the generated places open 10:00–11:30")
    args = parser.parse_args()
    from resources_directory.factories import bulk_listings
    from resources_directory.models import DirectoryPage
    from search.backends.database import DatabaseEngine
    from search.directory import documents, search_directory

    home = setup_database()
    directory = DirectoryPage.objects.child_of(home).get()
    rng = random.Random(2026)
    database, node = DatabaseEngine(), engine()
    now = timezone.localtime()
    if args.at:
        hour, minute = (int(part) for part in args.at.split(":"))
        now = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    print(f"database: {connection.vendor}  engine: {node.name if node else '-'}  runs per query: {args.runs}")
    print()
    columns = ["listings", "query", "SQL", f"{connection.vendor} p50 / p95 ms", "engine p50 / p95 ms"]
    whole_label = f"whole search_directory() on {node.name if node else connection.vendor}"
    print(f"| {' | '.join(columns)} | {whole_label} p50 / p95 ms |")
    print("|---:|---|---:|---:|---:|---:|")
    for size in [int(s) for s in args.sizes.split(",")]:
        with transaction.atomic():
            documents.refresh(bulk_listings(directory, size, rng))
        directory.refresh_from_db()
        if node is not None:
            node.rebuild_listings(documents.engine_documents())
        for label, params in QUERIES.items():
            query = directory_query(params, directory, now)
            with CaptureQueriesContext(connection) as captured:
                search_directory(params, now=now)
            on_database = timed(lambda q=query: database.search_directory(q), args.runs)
            on_engine = timed(lambda q=query: node.search_directory(q), args.runs) if node else None
            whole = timed(lambda p=params: search_directory(p, now=now), args.runs)
            engine_cell = f"{on_engine[0]:.1f} / {on_engine[1]:.1f}" if on_engine else "–"
            print(
                f"| {directory.numchild} | {label} | {len(captured)} | {on_database[0]:.1f} / {on_database[1]:.1f} "
                f"| {engine_cell} | {whole[0]:.1f} / {whole[1]:.1f} |"
            )


if __name__ == "__main__":
    main()
