"""What furigana (ルビ) costs per page: a directory results page and a program page, plain and with ruby.

    .venv/bin/python bench/furigana.py            # builds var/furigana_bench.sqlite3 (the two demo hubs)
    .venv/bin/python bench/furigana.py --keep     # reuses it

Production settings as bench/page_cpu.py (DEBUG off, cached templates), but the page cache off so every request
renders. Requests go through Django's WSGI handler (django.test.Client) in this one process; each row is timed with
``time.perf_counter()`` over ``--runs`` requests after a warm-up. "ruby, warm" is the steady state (the readings of
a text node are kept in an LRU: header, menu, footer and cards repeat across pages); "ruby, cold" clears that LRU
before every request (a page whose every text node is new). "add_ruby only" times the HTML step alone on the page's
plain HTML. Prints a table (ms).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
sys.path.append(str(BASE_DIR / "bench"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'furigana_bench.sqlite3'}")
os.environ["PAGE_CACHE_SECONDS"] = "0"
os.environ["DJANGO_SETTINGS_MODULE"] = "page_cpu_settings"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from furigana.html import add_ruby  # noqa: E402
from furigana.readings import with_ruby  # noqa: E402


def build(keep):
    path = Path(connection.settings_dict["NAME"])
    if not keep:
        connection.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    call_command("migrate", verbosity=0, interactive=False)
    from home.models import ProgramPage

    if not ProgramPage.objects.exists():
        with open(os.devnull, "w") as quiet:
            call_command("load_demo", stdout=quiet)


def program_path():
    from home.models import ProgramPage

    return ProgramPage.objects.live().order_by("path").first().url


def percentiles(samples):
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[int(len(ordered) * 0.95) - 1] * 1000


def timed(action, runs, before=None):
    samples = []
    for _ in range(runs):
        if before:
            before()
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return percentiles(samples)


def measure(client, path, runs, warmup):
    def get(query):
        def request():
            response = client.get(f"{path}{'&' if '?' in path else '?'}{query}", HTTP_HOST="localhost")
            assert response.status_code == 200, (path, response.status_code)
            return response

        return request

    plain_html = get("furigana=0")().content.decode()
    ruby_html = get("furigana=1")().content.decode()
    for _ in range(warmup):
        get("furigana=0")()
        get("furigana=1")()
    rows = {
        "plain": timed(get("furigana=0"), runs),
        "ruby, warm": timed(get("furigana=1"), runs),
        "ruby, cold": timed(get("furigana=1"), runs, before=with_ruby.cache_clear),
        "add_ruby only, warm": timed(lambda: add_ruby(plain_html), runs),
        "add_ruby only, cold": timed(lambda: add_ruby(plain_html), runs, before=with_ruby.cache_clear),
    }
    return rows, ruby_html.count("<ruby>"), len(plain_html)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", action="store_true", help="reuse var/furigana_bench.sqlite3")
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--warmup", type=int, default=5)
    args = parser.parse_args()
    build(args.keep)
    client = Client()
    pages = [
        ("directory results (ひろば)", "/directory/?q=%E3%81%B2%E3%82%8D%E3%81%B0"),
        ("directory, family search", "/directory/?age_months=3&postal_code=234-0054&sort=distance"),
        ("program page", program_path()),
    ]
    print(f"{'page':30} {'step':22} {'p50 ms':>8} {'p95 ms':>8}   ruby  HTML kB")
    for label, path in pages:
        rows, ruby_count, size = measure(client, path, args.runs, args.warmup)
        for number, (step, (p50, p95)) in enumerate(rows.items()):
            extra = f"{ruby_count:6d} {size / 1024:8.1f}" if number == 0 else ""
            print(f"{label if number == 0 else '':30} {step:22} {p50:8.2f} {p95:8.2f}   {extra}")


if __name__ == "__main__":
    main()
