"""A steady, bounded load on a real threaded server: searchers (site search and directory APIs) and an editor.

Every answer is recorded: HTTP status (or the connection error), which backend answered (the API's ``backend`` /
``X-Search-Backend``) and the result count. The editor publishes revisions through Wagtail (``save_revision()
.publish()``), so the real signals and index tasks run, and records the revision it published per page.
"""

import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from contextlib import contextmanager

from django.core.wsgi import get_wsgi_application

from tests.bookings.test_concurrency import QuietHandler, Server

# Questions with answers in the demo hubs and the generated listings (an empty answer is a failure).
SEARCHES = [
    ("/api/v1/search/", {"q": "子育て"}),
    ("/api/v1/search/", {"q": "ひろば", "hub": "all"}),
    ("/api/v1/directory/", {"q": "サロン"}),
    ("/api/v1/directory/", {"q": "ひよこ", "age_months": "6"}),
    ("/api/v1/directory/", {"age_months": "3", "weekday": "2", "postal_code": "234-0054", "sort": "distance"}),
]


@contextmanager
def running_server():
    server = Server(("127.0.0.1", 0), QuietHandler, allow_reuse_address=False)
    server.set_app(get_wsgi_application())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


class Searchers:
    """``threads`` clients, each asking the next question every ``pause`` seconds until stopped."""

    def __init__(self, url, threads=3, pause=0.05):
        self.url, self.threads, self.pause = url, threads, pause
        self.answers = []  # (phase, status, backend, count)
        self.phase = "before"
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._workers = []

    def ask(self, path, params):
        request = urllib.request.Request(f"{self.url}{path}?{urllib.parse.urlencode(params, doseq=True)}")
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                data = json.load(response)
                return response.status, response.headers.get("X-Search-Backend") or data.get("backend"), data["count"]
        except urllib.error.HTTPError as error:
            return error.code, None, None
        except OSError as error:
            return type(error).__name__, None, None

    def _run(self, offset):
        n = offset
        while not self._stop.is_set():
            path, params = SEARCHES[n % len(SEARCHES)]
            phase = self.phase
            status, backend, count = self.ask(path, params)
            with self._lock:
                self.answers.append((phase, status, backend, count))
            n += 1
            self._stop.wait(self.pause)

    def __enter__(self):
        self._workers = [threading.Thread(target=self._run, args=(n,), daemon=True) for n in range(self.threads)]
        for worker in self._workers:
            worker.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        for worker in self._workers:
            worker.join(timeout=120)

    def figures(self, phase=None):
        rows = [a for a in self.answers if phase is None or a[0] == phase]
        statuses = Counter(status for _phase, status, _backend, _count in rows)
        backends = Counter(backend for _phase, status, backend, _count in rows if status == 200)
        empty = sum(1 for _phase, status, _backend, count in rows if status == 200 and not count)
        errors = sum(n for status, n in statuses.items() if not isinstance(status, int) or status >= 500)
        return {"searches": len(rows), "backends": dict(backends), "5xx or no answer": errors, "empty": empty}


class Editor:
    """Publishes revisions of a rotating set of pages (listings and ordinary pages) while it runs."""

    def __init__(self, pages):
        self.pages = pages
        self.published = {}  # page id → the revision id it published last
        self.count = 0

    def publish_next(self, label):
        page = self.pages[self.count % len(self.pages)]
        page = type(page).objects.get(pk=page.pk)
        page.title = f"{page.title.split(' #')[0]} #{label}-{self.count}"
        revision = page.save_revision()
        revision.publish()
        self.published[page.pk] = revision.pk
        self.count += 1
        return revision

    def run_until_drained(self, label, timeout=120):
        """Publish until the fallback queue is empty (each write that reaches the engine replays it first)."""
        from search.models import PendingIndexChange

        deadline = time.monotonic() + timeout
        while PendingIndexChange.objects.exists() and time.monotonic() < deadline:
            time.sleep(1.1)  # SEARCH_ENGINE_RETRY_SECONDS (1 in these tests): the engine is asked again
            self.publish_next(label)

    def run_for(self, seconds, label, pause=0.2):
        started, before = time.monotonic(), self.count
        while time.monotonic() - started < seconds:
            self.publish_next(label)
            time.sleep(pause)
        return self.count - before
