"""CPU per request of the family search page and API, next to the site's own 404 page, in one process.

    .venv/bin/python bench/page_cpu.py                  # builds var/page_cpu.sqlite3 with 10,000 listings
    .venv/bin/python bench/page_cpu.py --keep           # reuses it (rebuilt when it has fewer listings)
    .venv/bin/python bench/page_cpu.py --keep --profile       # + the top of a cProfile of the family search page
    .venv/bin/python bench/page_cpu.py --keep --profile api   # … or of the family API call

Production settings (bench/page_cpu_settings.py: cms.settings.production, DEBUG off, cached template loader,
page cache on as in production — family and keyword searches bypass it, the 404 page is never stored — rate
limiter off), requests driven through Django's WSGI handler (django.test.Client) in this one process, each URL
warmed up and then timed with ``time.process_time()`` over ``--runs`` requests. The goal (the issue): the family
search page at most 3× the 404 page, the family API call at most 2×.
"""

import argparse
import cProfile
import io
import os
import pstats
import random
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))  # the project before bench/ (bench/search.py would shadow search/)
sys.path.append(str(BASE_DIR / "bench"))  # page_cpu_settings
os.environ["DJANGO_SETTINGS_MODULE"] = "page_cpu_settings"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

FAMILY = "age_months=3&weekday=2&postal_code=234-0054&sort=distance"
URLS = [
    ("404 page", "/no-such-page/", 404),
    ("family search page", f"/directory/?{FAMILY}", 200),
    ("family API", f"/api/v1/directory/?{FAMILY}", 200),
    ("keyword page (おやこ)", "/directory/?q=おやこ", 200),
]


def database_file():
    return Path(connection.settings_dict["NAME"])


def listing_count():
    from resources_directory.models import ListingPage

    return ListingPage.objects.count()


def build(listings, keep):
    """Migrate, load the demo hub and fill the directory to ``listings`` listings with their search documents."""
    path = database_file()
    if not keep and path.exists():
        connection.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    call_command("migrate", verbosity=0, interactive=False)
    from home.demo import build_site
    from resources_directory import demo
    from resources_directory.factories import bulk_listings
    from resources_directory.models import DirectoryPage
    from search.directory import documents

    directory = DirectoryPage.objects.first()
    if directory is None:
        with transaction.atomic(), open(os.devnull, "w") as quiet:
            home = build_site()
            demo.load(home, quiet)  # categories, areas and ~45 hand-made places
        directory = DirectoryPage.objects.child_of(home).get()
        documents.refresh(list(directory.get_children().values_list("pk", flat=True)))
    new_ids = bulk_listings(directory, listings, random.Random(2026))
    for start in range(0, len(new_ids), 2000):
        documents.refresh(new_ids[start : start + 2000])
    return listing_count()


def cpu_ms(client, url, status, runs, warmup):
    for _ in range(warmup):
        response = client.get(url)
        assert response.status_code == status, f"{url}: HTTP {response.status_code}"
    times = []
    for _ in range(runs):
        started = time.process_time()
        client.get(url)
        times.append((time.process_time() - started) * 1000)
    return times


def search_cpu_ms(params, facets, runs, warmup):
    """``search.directory.search_directory`` alone, as the page (facets) and the API call it: the search share."""
    from django.http import QueryDict
    from django.utils import timezone

    from resources_directory.models import DirectoryPage
    from search.directory import search_directory

    directory = DirectoryPage.objects.live().first()
    query = QueryDict(params)
    times = []
    for number in range(warmup + runs):
        started = time.process_time()
        search_directory(query, parent=directory, now=timezone.localtime(), facets=facets)
        if number >= warmup:
            times.append((time.process_time() - started) * 1000)
    return times


def profile(client, url, runs, top):
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(runs):
        client.get(url)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(top)
    print(out.getvalue())
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    print(out.getvalue())


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--listings", type=int, default=10_000)
    parser.add_argument("--keep", action="store_true", help="reuse var/page_cpu.sqlite3 when it has the listings")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument(
        "--profile", nargs="?", const="page", choices=["page", "api"], help="cProfile the family page (or the API)"
    )
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args()

    started = time.perf_counter()
    count = build(args.listings, args.keep)
    print(f"database: {database_file().name}, {count} listings (ready in {time.perf_counter() - started:.0f} s)")
    client = Client()
    rows = []
    for label, url, status in URLS:
        times = cpu_ms(client, url, status, args.runs, args.warmup)
        rows.append((label, url, statistics.median(times), statistics.fmean(times)))
    for label, facets in (("as the API calls it (facets)", True), ("without facets", False)):
        times = search_cpu_ms(FAMILY, facets, args.runs, args.warmup)
        rows.append((f"search_directory() alone, {label}", "", statistics.median(times), statistics.fmean(times)))
    base = rows[0][2]
    print(f"\n{args.runs} requests each after {args.warmup} warm-up, CPU ms (time.process_time), one process\n")
    print("| URL | CPU ms p50 | CPU ms mean | ratio to 404 (p50) |")
    print("| --- | ---: | ---: | ---: |")
    for label, url, p50, mean in rows:
        where = f"{label}: `{url}`" if url else label
        print(f"| {where} | {p50:.1f} | {mean:.1f} | {p50 / base:.1f}× |")
    if args.profile:
        label, url, _status = URLS[1] if args.profile == "page" else URLS[2]
        print(f"\n## cProfile: {label}, {args.runs} requests\n")
        profile(client, url, args.runs, args.top)


if __name__ == "__main__":
    main()
