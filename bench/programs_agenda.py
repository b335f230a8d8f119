"""Speed of the program agenda: upcoming_occurrences and the /programs/ page at growing numbers of sessions.

    .venv/bin/python bench/programs_agenda.py            # SQLite var/db.sqlite3 (migrated), or DATABASE_URL

Everything it creates is rolled back. Prints one row per size: sessions, SQL queries and median time of
upcoming_occurrences over four weeks and over a year, and of rendering /programs/ (four weeks).
"""

import os
import statistics
import sys
import time as clock
from datetime import time, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from home.agenda import today, upcoming_occurrences  # noqa: E402
from home.demo import build_site  # noqa: E402
from home.factories import ProgramPageFactory  # noqa: E402
from home.models import ProgramSession  # noqa: E402

SIZES = (10, 100, 500)
SESSIONS_PER_PROGRAM = 5
RUNS = 5


def median_ms(function):
    times = []
    for _ in range(RUNS):
        started = clock.perf_counter()
        function()
        times.append((clock.perf_counter() - started) * 1000)
    return statistics.median(times)


def add_programs(index, count, start):
    pages = [ProgramPageFactory(parent=index) for _ in range(count // SESSIONS_PER_PROGRAM)]
    sessions = []
    for number, page in enumerate(pages):
        for slot in range(SESSIONS_PER_PROGRAM):
            kind = (number + slot) % 3
            common = {"page": page, "sort_order": slot, "start_time": time(10), "end_time": time(11, 30)}
            if kind == 0:
                sessions.append(ProgramSession(frequency="once", date=start + timedelta(days=slot * 3), **common))
            else:
                sessions.append(
                    ProgramSession(
                        frequency="weekly" if kind == 1 else "monthly",
                        date=start,
                        weekday=slot % 7,
                        week_of_month=0 if kind == 1 else 2,
                        until=start + timedelta(days=365),
                        **common,
                    )
                )
    ProgramSession.objects.bulk_create(sessions)


def main():
    settings.ALLOWED_HOSTS = ["*"]
    start = today()
    client = Client()
    rows = []
    with transaction.atomic():
        home = build_site()
        index = home.get_children().get(slug="programs").specific
        created = 0
        for size in SIZES:
            add_programs(index, size - created, start)
            created = size
            row = [size]
            for days in (27, 364):
                with CaptureQueriesContext(connection) as queries:
                    shown = len(upcoming_occurrences(start, start + timedelta(days=days)))
                end = start + timedelta(days=days)
                row += [shown, len(queries), median_ms(lambda end=end: upcoming_occurrences(start, end))]
            client.get("/programs/")
            with CaptureQueriesContext(connection) as queries:
                status = client.get("/programs/").status_code
            assert status == 200, status
            row += [len(queries), median_ms(lambda: client.get("/programs/"))]
            rows.append(row)
        transaction.set_rollback(True)

    header = ("sessions", "4w occ.", "4w SQL", "4w ms", "1y occ.", "1y SQL", "1y ms", "page SQL", "page ms")
    print(f"database: {connection.vendor}; median of {RUNS} runs")
    print(" | ".join(f"{name:>8}" for name in header))
    print("-+-".join("-" * 8 for _ in header))
    for row in rows:
        print(" | ".join(f"{value:>8.1f}" if isinstance(value, float) else f"{value:>8}" for value in row))


if __name__ == "__main__":
    main()
