"""Site search p50/p95: our Japanese-aware database search next to Wagtail's untokenised default (same data),
and on the engine when SEARCH_ENGINE_URL is set.

    .venv/bin/python bench/search.py [--pages 2000] [--queries 200] [--keep]

--keep leaves the pages and our index in place, so the next run with the same --pages (or a profiler) reuses them.

Builds throw-away pages in a separate SQLite file (var/bench-search.sqlite3) or in DATABASE_URL's database
(in a page subtree it deletes afterwards).
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{Path(__file__).resolve().parent.parent / 'var' / 'bench-search.sqlite3'}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

WORDS = [
    "沐浴",
    "体験",
    "赤ちゃん",
    "生活",
    "子育て",
    "支援",
    "拠点",
    "親子",
    "ひろば",
    "居場所",
    "相談",
    "保育園",
    "園庭",
    "開放",
    "公園",
    "図書館",
    "おはなし会",
    "授乳室",
    "おむつ替え",
    "ベビーカー",
    "駐車場",
    "離乳食",
    "栄養士",
    "パパ",
    "ママ",
    "妊娠中",
    "母子健康手帳",
    "仲間づくり",
    "サロン",
    "地域",
    "ケアプラザ",
    "ボランティア",
    "双子",
    "一時預かり",
    "料金",
    "予約",
    "不要",
    "土曜日",
    "第２火曜",
    "10:00",
    "雨天中止",
    "絵本",
    "読み聞かせ",
]
QUERIES = [
    "沐浴",
    "もくよく",
    "子育て支援拠点",
    "授乳",
    "ﾍﾞﾋﾞｰｶｰ",
    "保育園の園庭",
    "ぱぱ",
    "絵本 読み聞かせ",
    "りにゅうしょく",
    "公園",
    "第2火曜",
    "相談",
]


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] * 1000


def build(n, rng):
    """(the parent of n bench pages, whether they were already there)."""
    from home.demo import build_site
    from home.models import StandardPage

    home = build_site()
    parent = home.get_children().filter(slug="bench").first()
    if parent is not None and parent.get_children_count() == n:
        return parent, True  # left by --keep or an interrupted run: reuse
    if parent is not None:
        parent.delete()
    parent = home.add_child(instance=StandardPage(title="bench", slug="bench"))
    for i in range(n):
        text = "".join(rng.choice(WORDS) + rng.choice(["", "、", "。", "の", "と", "や"]) for _ in range(60))
        parent.add_child(
            instance=StandardPage(title=f"{rng.choice(WORDS)}{rng.choice(WORDS)} {i}", slug=f"b{i}", intro=text)
        )
    return parent, False


def timed(fn, queries):
    times = []
    for q in queries:
        start = time.perf_counter()
        fn(q)
        times.append(time.perf_counter() - start)
    return times


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--queries", type=int, default=120)
    parser.add_argument("--keep", action="store_true", help="keep the bench pages and the index for the next run")
    args = parser.parse_args()
    rng = random.Random(1)
    call_command("migrate", verbosity=0)
    from django.test.utils import override_settings
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    from search.backends.database import DatabaseEngine

    t0 = time.perf_counter()
    no_auto = {"default": {"BACKEND": "search.backends.wagtail_database", "AUTO_UPDATE": False}}
    with override_settings(WAGTAILSEARCH_BACKENDS=no_auto):
        parent, reused = build(args.pages, rng)
    build_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    if not (reused and args.keep):
        call_command("update_index", verbosity=0)
    index_s = time.perf_counter() - t0
    query_rng = random.Random(2)  # its own generator: the same sample whether the pages were built or reused
    queries = [query_rng.choice(QUERIES) for _ in range(args.queries)]
    rows = []
    ours = DatabaseEngine()
    times = timed(lambda q: ours.search(q), queries)
    rows.append(("ours (database, full page: facets+snippets)", times))
    times = timed(lambda q: ours._page_of_hits(Page.objects.live(), q, 0, 10), queries)
    rows.append(("ours (database, top 10 pages)", times))
    with override_settings(WAGTAILSEARCH_BACKENDS={"default": {"BACKEND": "wagtail.search.backends.database"}}):
        call_command("update_index", verbosity=0)
        plain = get_search_backend("default")
        times = timed(lambda q: list(plain.search(q, Page.objects.live())[:10]), queries)
        rows.append(("wagtail default, untokenised (top 10 ids)", times))
    url = os.environ.get("SEARCH_ENGINE_URL")
    if url:
        from search.backends.opensearch import OpenSearchEngine

        engine = OpenSearchEngine(url, prefix="bench", timeout=5)
        start = time.perf_counter()
        engine.rebuild()
        print(f"engine: indexed {args.pages} pages in {time.perf_counter() - start:.1f} s")
        engine.search("沐浴")
        times = timed(lambda q: engine.search(q), queries)
        rows.append(("opensearch (full page: facets+snippets)", times))
        engine.client.indices.delete(index="bench-*", ignore_unavailable=True)
    vendor = django.db.connection.vendor
    print(f"\n{args.pages} pages on {vendor} (built in {build_s:.0f} s, indexed in {index_s:.0f} s), ", end="")
    print(f"{len(queries)} queries\n")
    print(f"| {'backend':<46} | p50 ms | p95 ms |")
    print(f"|{'-' * 48}|--------|--------|")
    for name, times in rows:
        print(f"| {name:<46} | {pct(times, 50):6.1f} | {pct(times, 95):6.1f} |")
    print(f"\nmean ours/plain: {statistics.mean(rows[1][1]) / statistics.mean(rows[2][1]):.2f}x", flush=True)
    # Restore our own index only after the table is out (a full re-index at 10k takes minutes).
    call_command("update_index", verbosity=0)
    if not args.keep:
        parent.delete()


if __name__ == "__main__":
    main()
