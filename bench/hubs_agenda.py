"""The program agenda across hubs: one hub's agenda against every hub's (``hub=all``), four weeks, on PostgreSQL.

    DATABASE_URL=postgres://… .venv/bin/python bench/hubs_agenda.py [--hubs 18] [--programs 50] [--runs 40]
    make bench-hubs-agenda        # the same on the throw-away PostgreSQL of scripts/postgres

Builds the demo hub (港南) and ``--hubs - 1`` more with ``create_hub``, each with ``--programs`` programs whose
sessions follow the demo's 15 programs in turn (weekly, nth-weekday monthly and single dates, half a year from
today, as ``home/program_demo.py``). Measures first with the demo hub alone, then with every hub: SQL queries,
occurrences and p50 / p95 of

* the agenda page ``/programs/`` of the first hub (its own programs) and ``/programs/?hub=all``;
* the iCal feed ``/programs/calendar.ics`` for the same four weeks, one hub and ``hub=all``;
* ``home.agenda.find_occurrences`` (what the page expands before it loads the pages of the 100 it shows) and
  ``upcoming_occurrences`` (every occurrence with its page), one hub and every hub.

Everything it creates is rolled back. Exits non-zero when the cross-hub page's queries differ from one hub's or
its p95 is more than twice one hub's (the goal of issue 16).
"""

import argparse
import os
import statistics
import sys
import time as clock
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from wagtail.models import Site  # noqa: E402

from home.agenda import find_occurrences, today, upcoming_occurrences  # noqa: E402
from home.demo import build_site  # noqa: E402
from home.demo_data import konan  # noqa: E402
from home.factories import ProgramPageFactory  # noqa: E402
from home.hub_setup import create_hub  # noqa: E402
from home.hubs import all_hubs  # noqa: E402
from home.models import ProgramSession  # noqa: E402
from home.program_demo import Sessions  # noqa: E402

WEEKS = 4


def percentiles(times):
    ordered = sorted(times)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def add_programs(hub_home, count, start, number):
    """``count`` programs below the hub's programs index, cycling through the demo's programs and sessions."""
    index = hub_home.get_children().get(slug="programs").specific
    templates = konan.programs(Sessions(start))  # the first demo hub's programs, without their venues
    sessions = []
    for serial in range(count):
        fields, rules = templates[serial % len(templates)]
        fields = {name: value for name, value in fields.items() if name != "venue"}
        page = ProgramPageFactory(parent=index, **{**fields, "slug": f"{fields['slug']}-{number}-{serial}"})
        sessions += [ProgramSession(page=page, sort_order=order, **rule) for order, rule in enumerate(rules)]
    ProgramSession.objects.bulk_create(sessions)


def measure(label, runs, subjects):
    """subjects: [(name, callable returning the number of occurrences shown)]; runs interleaved (same load)."""
    rows = []
    for name, call in subjects:
        call()  # warm Wagtail's per-process caches (site root paths, content types)
        with CaptureQueriesContext(connection) as queries:
            shown = call()
        rows.append([label, name, shown, len(queries), []])
    for _ in range(runs):
        for row, (_name, call) in zip(rows, subjects, strict=True):
            started = clock.perf_counter()
            call()
            row[4].append((clock.perf_counter() - started) * 1000)
    return [[*row[:4], *percentiles(row[4])] for row in rows]


def subjects(client, start, hubs):
    end = start + timedelta(days=WEEKS * 7 - 1)
    window = {"date_from": f"{start}", "date_to": f"{end}"}

    def page(params):
        def call():
            response = client.get("/programs/", {**window, **params})
            assert response.status_code == 200, response.status_code
            return response.content.decode().count('class="occurrence"')

        return call

    def feed(params):
        def call():
            response = client.get("/programs/calendar.ics", {**window, **params})
            assert response.status_code == 200, response.status_code
            return response.content.count(b"BEGIN:VEVENT")

        return call

    return [
        ("agenda page, own hub", page({})),
        ("agenda page, hub=all", page({"hub": "all"})),
        ("iCal feed, own hub", feed({})),
        ("iCal feed, hub=all", feed({"hub": "all"})),
        ("find_occurrences, 1 hub", lambda: len(find_occurrences(start, end, hubs=hubs[:1]))),
        ("find_occurrences, all", lambda: len(find_occurrences(start, end, hubs=hubs))),
        ("upcoming_occurrences, 1 hub", lambda: len(upcoming_occurrences(start, end, hubs=hubs[:1]))),
        ("upcoming_occurrences, all", lambda: len(upcoming_occurrences(start, end, hubs=hubs))),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hubs", type=int, default=18)
    parser.add_argument("--programs", type=int, default=50, help="programs per hub")
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    settings.PAGE_CACHE_SECONDS = 0
    start = today()
    client = Client(HTTP_HOST="localhost")
    rows = []
    built = clock.perf_counter()
    try:
        with transaction.atomic():
            home = build_site()
            add_programs(home, args.programs, start, 1)
            rows += measure("1 hub", args.runs, subjects(client, start, list(all_hubs())))
            for number in range(2, args.hubs + 1):
                name, ward = f"第{number}区地域子育て支援拠点", f"第{number}区"
                hub = create_hub(name=name, ward=ward, hostname=f"hub{number}.bench")
                add_programs(hub.site.root_page, args.programs, start, number)
            built = clock.perf_counter() - built
            rows += measure(f"{args.hubs} hubs", args.runs, subjects(client, start, list(all_hubs())))
            transaction.set_rollback(True)
    finally:
        Site.clear_site_root_paths_cache()
    print_table(rows, args, built)
    return check(rows, args)


def print_table(rows, args, built):
    print(
        f"{connection.vendor}; {args.hubs} hubs × {args.programs} programs (the demo's sessions), {WEEKS} weeks; "
        f"{args.runs} runs each, interleaved; data built in {built:.0f} s"
    )
    print()
    print("| installation | what | occurrences | SQL | p50 ms | p95 ms |")
    print("|---|---|---:|---:|---:|---:|")
    for installation, name, shown, queries, p50, p95 in rows:
        print(f"| {installation} | {name} | {shown} | {queries} | {p50:.1f} | {p95:.1f} |")


def check(rows, args):
    by_name = {(row[0], row[1]): row for row in rows}
    many = f"{args.hubs} hubs"
    own, across = by_name[(many, "agenda page, own hub")], by_name[(many, "agenda page, hub=all")]
    ratio = across[5] / own[5]
    print()
    print(f"queries: own hub {own[3]}, all hubs {across[3]}, one-hub installation {by_name[('1 hub', own[1])][3]}")
    print(f"cross-hub p95 / own hub p95 = {ratio:.2f} (goal ≤ 2)")
    return 0 if own[3] == across[3] and ratio <= 2 else 1


if __name__ == "__main__":
    sys.exit(main())
