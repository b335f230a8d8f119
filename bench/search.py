"""Site search at size: the search page (`/search/?q=`, the whole request: hub scope, form, search, facets,
snippets, template) timed on a hub of N pages, mostly programs and directory listings, as in a ward's real site.

    .venv/bin/python bench/search.py [--pages 1000 10000] [--queries 120] [--rebuild]
        [--dump PREFIX] [--before PREFIX] [--figures FILE] [--before-figures FILE]

Each size has its own database, kept between runs (a second run reuses the pages; --rebuild makes them again):
var/bench-search-<pages>.sqlite3, or, with DATABASE_URL on PostgreSQL, that database's name + "_<pages>". The
pages: the demo hub plus 45 % programs, 45 % directory listings (resources_directory.factories.bulk_listings) and
10 % news pages, bulk-inserted, then `update_index`. Prints a table row per size: SQL queries per search (the most
any query of the sample needed), p50 and p95 in ms (with ``--repeat N`` each query's fastest of N requests, for a
busy machine where a request often waits for a core), the CPU time of this process for the request (its fastest;
on SQLite that includes the database's work, on PostgreSQL not the server's), and the load average at the end.

* ``--dump PREFIX`` writes what the search API answers for every bench query (count, facets, titles, URLs,
  snippets and hubs of page 1, page 2, the smallest type alone, every hub) to PREFIX-<database>-<pages>.json;
  ``--before PREFIX`` compares with such files and prints the queries whose answers differ (a faster search must
  answer the same).
* ``--figures FILE`` keeps the rows in a JSON file; ``--before-figures FILE`` prints that file's rows as the
  "before" columns (the table in docs/search.md, "Site search on the database at size").
"""

import argparse
import json
import logging
import os
import random
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
os.environ.setdefault("RATELIMIT_ENABLED", "false")  # the bench asks far more often than a family
os.environ.setdefault("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'bench-search.sqlite3'}")

import django  # noqa: E402

django.setup()

from django.db import connection, reset_queries, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

# Words of the generated news pages (their text draws on these, so most queries match many pages).
WORDS = [
    *("沐浴", "体験", "赤ちゃん", "生活", "子育て", "支援", "拠点", "親子", "ひろば", "居場所", "相談", "保育園"),
    *("園庭", "開放", "公園", "図書館", "おはなし会", "授乳室", "おむつ替え", "ベビーカー", "駐車場", "離乳食"),
    *("栄養士", "パパ", "ママ", "妊娠中", "母子健康手帳", "仲間づくり", "サロン", "地域", "ケアプラザ"),
    *("ボランティア", "双子", "一時預かり", "料金", "予約", "不要", "土曜日", "第２火曜", "10:00", "雨天中止"),
    *("絵本", "読み聞かせ"),
]
PROGRAM_NAMES = [
    *("沐浴体験", "離乳食教室", "ベビーマッサージ", "パパと遊ぼう", "絵本の読み聞かせ", "ふたごの会"),
    *("プレママ講座", "公園あそび", "出張ひろば", "子育て相談", "リズムあそび", "ママのリフレッシュ"),
]
PROGRAM_PLACES = ["はっち 親子のひろば", "港南図書館", "地域ケアプラザ", "日野中央公園", "港南区役所"]
QUERIES = [
    *("沐浴", "もくよく", "子育て支援拠点", "授乳", "ﾍﾞﾋﾞｰｶｰ", "保育園の園庭", "ぱぱ", "絵本 読み聞かせ"),
    *("りにゅうしょく", "公園", "第2火曜", "相談", "ひろば", "子育てサロン ひよこ", "ベビーマッサージ"),
    *("ふたご", "園庭開放", "駐車場", "図書館", "子育て支縁拠点", "はっち", "プレママ", "ﾘｽﾞﾑ", "ケアプラザ"),
]


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] * 1000


def use_database(pages):
    """Point the connection at the bench's own database for this size (created and migrated when missing)."""
    settings = connection.settings_dict
    settings.setdefault("BENCH_BASE_NAME", settings["NAME"])
    if connection.vendor == "sqlite":
        name = str(BASE_DIR / "var" / f"bench-search-{pages}.sqlite3")
    else:
        name = f"{settings['BENCH_BASE_NAME']}_{pages}"
    settings.setdefault("TEST", {})["NAME"] = name
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=True)


def _bulk_pages(parent, model, count, rng, make):
    """``count`` live ``model`` pages below ``parent`` in bulk (no signals, no revisions); ``make(i)`` → (title,
    {field: value})."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Locale, Page

    from resources_directory.factories import live_child_row

    parent.refresh_from_db()
    content_type = ContentType.objects.get_for_model(model)
    locale = Locale.get_default()
    fields = list(model._meta.local_concrete_fields)
    last = parent.get_last_child()
    step = int(last.path[-4:], 36) if last else 0
    for offset in range(0, count, 2000):
        rows = []
        for i in range(offset, min(count, offset + 2000)):
            title, values = make(i)
            slug = f"bench-{model._meta.model_name}-{i}"
            step += 1
            rows.append((live_child_row(parent, step, title, slug, content_type, locale), values))
        Page.objects.bulk_create([page for page, _values in rows])
        pks = dict(Page.objects.filter(path__in=[page.path for page, _v in rows]).values_list("path", "pk"))
        model.objects._insert(
            [model(page_ptr_id=pks[page.path], **values) for page, values in rows], fields=fields, raw=True
        )
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + count)


def build(pages, rng):
    """The demo hub plus ``pages`` pages: 45 % programs, 45 % directory listings, 10 % news pages."""
    from home.business_areas import BusinessArea
    from home.demo import build_site
    from home.models import ProgramPage, StandardPage
    from resources_directory import demo
    from resources_directory.factories import bulk_listings
    from resources_directory.models import DirectoryPage

    with transaction.atomic(), open(os.devnull, "w") as quiet:
        home = build_site()
        demo.load(home, quiet)
        programs = home.get_children().get(slug="programs")
        n_programs = pages * 45 // 100
        n_news = pages // 10

        def program(i):
            name = rng.choice(PROGRAM_NAMES)
            summary = "".join(rng.choice(WORDS) + rng.choice(["、", "の", "と"]) for _ in range(12)) + "。"
            return f"{name} {i}", {
                "summary": summary,
                "body": "[]",
                "business_area": rng.choice(BusinessArea.values),
                "life_stages": [],
                "place_name": rng.choice(PROGRAM_PLACES),
                "area_name": "港南中央",
                "booking": "none",
            }

        def news(i):
            text = "".join(rng.choice(WORDS) + rng.choice(["", "、", "。", "の", "と", "や"]) for _ in range(60))
            return f"{rng.choice(WORDS)}{rng.choice(WORDS)} {i}", {"intro": text, "body": "[]"}

        _bulk_pages(programs, ProgramPage, n_programs, rng, program)
        _bulk_pages(home, StandardPage, n_news, rng, news)
        directory = DirectoryPage.objects.descendant_of(home).get()
        bulk_listings(directory, directory.numchild + pages - n_programs - n_news, rng)


def fingerprint(client):
    """What the search API answers for each bench query: pages 1 and 2, the last type facet alone, every hub."""
    out = {}
    for q in sorted(set(QUERIES)):
        first = client.get("/api/v1/search/", {"q": q}).json()
        facets = first["facets"].get("type", [])
        asks = {"page 2": {"page": 2}, "all hubs": {"hub": "all"}}
        if facets:
            asks["type"] = {"type": facets[-1]["key"]}
        out[q] = {"page 1": first}
        for name, params in asks.items():
            response = client.get("/api/v1/search/", {"q": q, **params})
            out[q][name] = response.json() if response.status_code == 200 else response.status_code
    return out


def measure(pages, queries, rebuild, repeat=1):
    """(queries per search at most, p50 ms, p95 ms) of the search page on the bench's database of ``pages``; each
    query's time is the fastest of ``repeat`` requests (on a shared, busy machine the others wait for a core)."""
    from django.core.management import call_command
    from wagtail.models import Page

    use_database(pages)
    built = Page.objects.filter(slug__startswith="bench-").count()
    t0 = time.perf_counter()
    if built != pages or rebuild:
        if built:
            Page.objects.filter(slug__startswith="bench-").delete()
        build(pages, random.Random(1))
        call_command("update_index", verbosity=0)
        print(f"built and indexed {pages} pages in {time.perf_counter() - t0:.0f} s", flush=True)
    client = Client(HTTP_HOST="localhost")
    client.get("/search/", {"q": "沐浴"})  # warm up (dictionary, templates, content types)
    times, cpus, counts = [], [], []
    for q in queries:
        fastest = least_cpu = None
        for _ in range(repeat):
            reset_queries()
            with CaptureQueriesContext(connection) as captured:
                start, cpu = time.perf_counter(), time.thread_time()
                response = client.get("/search/", {"q": q})
                took, cpu = time.perf_counter() - start, time.thread_time() - cpu
            fastest = took if fastest is None else min(fastest, took)
            least_cpu = cpu if least_cpu is None else min(least_cpu, cpu)
        assert response.status_code == 200, (q, response.status_code)
        times.append(fastest)
        cpus.append(least_cpu)
        counts.append(len(captured))
    return client, [max(counts), *(round(pct(values, p), 1) for values in (times, cpus) for p in (50, 95))]


def compare(client, path):
    """The bench queries whose answers differ from those saved in ``path`` (and what differs)."""
    before, now = json.loads(Path(path).read_text()), fingerprint(client)
    return {q: [ask for ask in before[q] if before[q][ask] != now[q].get(ask)] for q in before if before[q] != now[q]}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--queries", type=int, default=120)
    parser.add_argument("--repeat", type=int, default=1, help="ask each query this many times, keep the fastest")
    parser.add_argument("--rebuild", action="store_true", help="make the pages and the index again")
    parser.add_argument("--dump", help="write every bench query's answers to DUMP-<database>-<pages>.json")
    parser.add_argument("--before", help="compare the answers with BEFORE-<database>-<pages>.json (from --dump)")
    parser.add_argument("--figures", help="add this run's rows to this JSON file")
    parser.add_argument("--before-figures", help="print the rows of this JSON file (from --figures) as 'before'")
    args = parser.parse_args()
    logging.getLogger("django.request").setLevel(logging.ERROR)  # the 400s of a page 2 that is not there
    query_rng = random.Random(2)
    queries = [query_rng.choice(QUERIES) for _ in range(args.queries)]
    vendor = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[connection.vendor]
    rows, notes = {}, []
    for pages in args.pages:
        client, rows[f"{vendor} {pages}"] = measure(pages, queries, args.rebuild, args.repeat)
        if args.dump:
            Path(f"{args.dump}-{vendor}-{pages}.json").write_text(
                json.dumps(fingerprint(client), ensure_ascii=False, indent=1)
            )
        if args.before:
            differ = compare(client, f"{args.before}-{vendor}-{pages}.json")
            notes.append(f"{pages:,} pages: answers of {len(differ)} of {len(set(QUERIES))} queries differ {differ}")
    if args.figures:
        saved = json.loads(Path(args.figures).read_text()) if Path(args.figures).exists() else {}
        Path(args.figures).write_text(json.dumps({**saved, **rows}, indent=1))
    before = json.loads(Path(args.before_figures).read_text()) if args.before_figures else {}
    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    print(f"\nsite search page, {len(queries)} queries ({len(set(queries))} distinct) per size, fastest of ", end="")
    print(f"{args.repeat}, load average {load}\n")
    head = ["database", "pages", "queries", "p50 ms", "p95 ms", "CPU p50", "CPU p95"]
    if before:
        head[2:2] = ["queries before", "p50 before", "p95 before", "CPU p50 before", "CPU p95 before"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for key, row in rows.items():
        name, pages = key.split()
        cells = [name, f"{int(pages):,}", *(before.get(key, ["–"] * 5) if before else []), *row]
        print("| " + " | ".join(str(c) for c in cells) + " |")
    for note in notes:
        print(note)


if __name__ == "__main__":
    main()
