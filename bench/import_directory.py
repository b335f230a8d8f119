"""CSV import benchmark: seconds, ms per row and SQL queries of ``import_directory`` for N new rows.

    .venv/bin/python bench/import_directory.py                      # 10,000 rows, SQLite (var/bench_import.sqlite3)
    .venv/bin/python bench/import_directory.py --rows 1000,10000

For each size it builds a fresh database (var/bench_import.sqlite3, deleted first) with the demo hub (categories,
areas, ~45 hand-made places), writes a realistic CSV in the export's columns (invented places around 港南区: names,
kana, 1-3 schedules, a closure, categories, ages, amenities), imports it through ``import_csv_bytes`` (what
``manage.py import_directory`` runs, one transaction) and prints a markdown table.
"""

import argparse
import csv
import io
import os
import random
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402

DATABASE = BASE_DIR / "var" / "bench_import.sqlite3"
PLACES = ["子育てサロン", "親子ひろば", "つどいの広場", "おはなし会", "ベビーマッサージ", "園庭開放", "パパあそび"]
NAMES = ["ひよこ", "どんぐり", "たんぽぽ", "すくすく", "にこにこ", "ぽかぽか", "こあら", "うさぎ", "ひまわり", "さくら"]
WORDS = ["赤ちゃんと一緒に", "公園のそば", "保育園の園庭で", "雨の日も室内で", "双子の親の集まり", "授乳室あり"]
AMENITIES = ["nursing_room", "changing_table", "stroller_access", "parking", "rain_ok"]
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def setup_database():
    DATABASE.unlink(missing_ok=True)
    connection.settings_dict.setdefault("TEST", {})["NAME"] = str(DATABASE)
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    from home.demo import build_site
    from resources_directory import demo

    with transaction.atomic(), open(os.devnull, "w") as quiet:
        home = build_site()
        demo.load(home, quiet)
    return home


def csv_rows(count, rng, categories, areas):
    from resources_directory.opendata import COLUMNS

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n", restval="")
    writer.writeheader()
    for n in range(count):
        name = rng.choice(NAMES)
        low = rng.choice(["", "0", "0", "6", "12"])
        writer.writerow(
            {
                "id": f"import-{n}",
                "name": f"{rng.choice(PLACES)} {name}{n}",
                "alternate_name": f"{name}{n}",
                "description": " ".join(rng.sample(WORDS, 2)) + "（架空の場所）",
                "organization_name": rng.choice(["港南区社会福祉協議会", "NPO法人 はっち", ""]),
                "categories": ";".join(rng.sample(categories, rng.choice([1, 1, 2]))),
                "area": rng.choice(areas),
                "address_1": "横浜市港南区（架空）",
                "postal_code": "234-0054",
                "latitude": f"{35.39 + rng.gauss(0, 0.02):.5f}",
                "longitude": f"{139.59 + rng.gauss(0, 0.025):.5f}",
                "minimum_age_months": low,
                "maximum_age_months": rng.choice(["", "35", "47"]),
                "fees_description": rng.choice(["", "100円"]),
                "booking_required": rng.choice(["true", "false"]),
                "schedules": "; ".join(
                    f"{rng.choice(['', '', '1', '2', '-1'])}{rng.choice(DAYS)} 10:00-11:30"
                    for _ in range(rng.choice([1, 1, 2, 3]))
                ),
                "closures": rng.choice(["", "2026-12-28/2027-01-04 年末年始"]),
                "amenities": ";".join(rng.sample(AMENITIES, rng.randrange(3))),
                "phone": "045-000-0000",
                "url": "https://example.org/",
                "assured_date": f"2026-{rng.randint(1, 10):02d}-01",
            }
        )
    return out.getvalue().encode("utf-8")


def run(count):
    from resources_directory.importer import import_csv_bytes
    from resources_directory.models import Area, Category, DirectoryPage, ListingPage

    home = setup_database()
    directory = DirectoryPage.objects.child_of(home).get()
    categories = list(Category.objects.values_list("slug", flat=True))
    areas = list(Area.objects.values_list("slug", flat=True))
    data = csv_rows(count, random.Random(2026), categories, areas)
    before = ListingPage.objects.count()
    queries = 0

    def counted(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counted):  # a counter: Django's query log keeps only the last 9,000
        started = time.perf_counter()
        report = import_csv_bytes(data, directory)
        seconds = time.perf_counter() - started
    assert not report.errors, report.lines()[:5]
    assert ListingPage.objects.count() == before + count
    return seconds, queries


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", default="10000", help="comma-separated sizes")
    args = parser.parse_args()
    print(f"database: {connection.vendor}")
    print("| rows | seconds | ms/row | SQL queries |")
    print("|---:|---:|---:|---:|", flush=True)
    for count in (int(size) for size in args.rows.split(",")):
        seconds, queries = run(count)  # each line as soon as it is measured (the old per-row path takes long)
        print(f"| {count:,} | {seconds:.1f} | {seconds * 1000 / count:.1f} | {queries:,} |", flush=True)


if __name__ == "__main__":
    main()
