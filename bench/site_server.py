"""A throw-away demo site for the benches: its own SQLite file (var/bench.sqlite3), demo content, runserver
with DEBUG off (test settings; --insecure serves the static files).

    with demo_server() as (base_url, pages): ...   # pages: [(label, path)] — one per public page type

Or pass --url http://host:port to a bench to measure a site that is already running (pages are then read from
the database DATABASE_URL points at).
"""

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_DB = ROOT / "var" / "bench.sqlite3"


def django_env(database_url):
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="cms.settings.test", DATABASE_URL=database_url)
    env.setdefault("LOG_LEVEL", "ERROR")
    return env


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def page_list(database_url):
    os.environ.update(django_env(database_url))
    import django

    django.setup()
    from tests.browser.pages import public_urls

    return public_urls()


@contextlib.contextmanager
def demo_server(url=None):
    if url:
        yield url.rstrip("/"), page_list(os.environ.get("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'db.sqlite3'}"))
        return
    database_url = f"sqlite:///{BENCH_DB}"
    env = django_env(database_url)
    BENCH_DB.parent.mkdir(exist_ok=True)
    manage(env, "migrate", "--noinput")
    port = free_port()
    manage(env, "load_demo", "--port", str(port))  # the demo's sites on this port: full page addresses work
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", "--insecure", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base_url + "/", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the bench server did not start") from None
                time.sleep(0.2)
        yield base_url, page_list(database_url)
    finally:
        server.terminate()
        server.wait(timeout=10)


def print_table(headers, rows):
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]
    line = "| " + " | ".join(f"{{:<{width}}}" for width in widths) + " |"
    print(line.format(*headers))
    print("| " + " | ".join("-" * width for width in widths) + " |")
    for row in rows:
        print(line.format(*row))
