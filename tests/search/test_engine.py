"""The same test set on the real engine node and the fault tests.

Marked `engine`: they need SEARCH_ENGINE_URL (scripts/opensearch start, or scripts/elasticsearch start with
SEARCH_ENGINE_KIND=elasticsearch). In CI they run and must pass.
"""

import os
import subprocess
from pathlib import Path

import pytest

from search.models import PendingIndexChange
from tests.search.conftest import ENGINE_KIND, ENGINE_NAME, ENGINE_URL
from tests.search.corpus import QUERIES
from tests.search.test_japanese_recall import missed

REPO = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.engine,
    pytest.mark.skipif(not ENGINE_URL and not os.environ.get("CI"), reason="SEARCH_ENGINE_URL not set"),
]


def test_every_query_finds_its_pages_on_the_engine(opensearch, corpus):
    opensearch.rebuild()
    assert missed(opensearch, corpus, QUERIES) == []
    assert opensearch.search("沐浴").backend == ENGINE_NAME


def test_publish_unpublish_follow_the_engine(opensearch, corpus, client, django_capture_on_commit_callbacks):
    from search import engine as engine_module

    engine_module._engines.clear()
    opensearch.rebuild()
    assert client.get("/api/v1/search/", {"q": "芝生"}).json()["count"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        corpus["koen"].unpublish()
    data = client.get("/api/v1/search/", {"q": "芝生"}).json()
    assert (data["backend"], data["count"]) == (ENGINE_NAME, 0)
    with django_capture_on_commit_callbacks(execute=True):
        corpus["koen"].save_revision().publish()
    assert client.get("/api/v1/search/", {"q": "しばふ"}).json()["count"] == 1


def _node(cmd):
    subprocess.run([str(REPO / "scripts" / ENGINE_KIND), cmd], check=True, capture_output=True, timeout=300)


def _node_pid():
    """The pid of the node scripts/<kind> started (OPENSEARCH_HOME / ELASTICSEARCH_HOME, as the script reads it)."""
    home = Path(os.environ.get(f"{ENGINE_KIND.upper()}_HOME", f"var/{ENGINE_KIND}"))
    return int(((home if home.is_absolute() else REPO / home) / f"{ENGINE_KIND}.pid").read_text())


def test_engine_down_answers_from_the_database_and_catches_up(
    opensearch, corpus, client, caplog, django_capture_on_commit_callbacks
):
    """Stop the real node mid-test: results still come, marked "database"; changes made meanwhile are replayed."""
    from search import engine as engine_module

    engine_module._engines.clear()
    opensearch.rebuild()
    assert client.get("/api/v1/search/", {"q": "もくよく"}).json()["backend"] == ENGINE_NAME
    _node("stop")
    try:
        import time

        start = time.monotonic()
        data = client.get("/api/v1/search/", {"q": "もくよく"}).json()
        assert time.monotonic() - start < 1.5
        assert data["backend"] == "database"
        assert "沐浴体験と赤ちゃんのお世話" in [r["title"] for r in data["results"]]
        assert "unavailable" in caplog.text
        assert "沐浴体験と赤ちゃんのお世話" in client.get("/search/", {"q": "沐浴"}).content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            corpus["koen"].title = "芝生の公園あそび（新）"
            corpus["koen"].save_revision().publish()
            corpus["toshokan"].unpublish()
        assert PendingIndexChange.objects.count() == 2
    finally:
        _node("start")
    engine = engine_module.get_engine()
    engine._down_until = 0
    assert engine.replay_pending() == 2
    assert PendingIndexChange.objects.count() == 0
    # A node that has just started answers its very first query slowly: warm it up, then ask through the site.
    opensearch.client.search(index=opensearch.alias("pages"), body={"query": {"match": {"body": "新"}}})
    engine._down_until = 0
    data = client.get("/api/v1/search/", {"q": "新"}).json()
    assert data["backend"] == ENGINE_NAME
    assert "芝生の公園あそび（新）" in [r["title"] for r in data["results"]]
    assert client.get("/api/v1/search/", {"q": "おはなし会"}).json()["count"] == 0


def test_slow_engine_times_out_within_a_second(opensearch, corpus, client):
    """Freeze the real node (SIGSTOP): the query times out after SEARCH_ENGINE_TIMEOUT and the database answers."""
    import signal
    import time

    from search import engine as engine_module

    engine_module._engines.clear()
    opensearch.rebuild()
    assert client.get("/api/v1/search/", {"q": "沐浴"}).json()["backend"] == ENGINE_NAME
    pid = _node_pid()
    os.kill(pid, signal.SIGSTOP)
    try:
        start = time.monotonic()
        data = client.get("/api/v1/search/", {"q": "沐浴"}).json()
        assert time.monotonic() - start < 1.5
    finally:
        os.kill(pid, signal.SIGCONT)
    assert data["backend"] == "database"
    assert "沐浴体験と赤ちゃんのお世話" in [r["title"] for r in data["results"]]


def test_the_hub_scope_is_the_same_on_the_engine_and_the_database(opensearch, home, client, settings):
    """Within the site's hub by default, across hubs on request: the engine finds the pages the database finds."""
    from search import engine as engine_module
    from tests.search.test_hubs import A_PAGE, B_PAGES, make_hub_pages

    make_hub_pages(home)
    asks = [({}, {}), ({"hub": "all"}, {}), ({"hub": "tsubasa"}, {}), ({}, {"HTTP_HOST": "tsubasa.localhost"})]
    asks.append(({"hub": "all", "type": "home.programpage"}, {}))

    def answers():
        engine_module._engines.clear()
        found = []
        for params, extra in asks:
            data = client.get("/api/v1/search/", {"q": "リトミック", **params}, **extra).json()
            hits = sorted((hit["title"], hit["url"], (hit["hub"] or {}).get("slug")) for hit in data["results"])
            facets = sorted((facet["key"], facet["count"]) for facet in data["facets"]["type"])
            found.append((data["backend"], data["count"], hits, facets))
        return found

    opensearch.rebuild()
    on_engine = answers()
    settings.SEARCH_ENGINE_URL = ""
    on_database = answers()
    engine_module._engines.clear()
    assert [answer[0] for answer in on_engine] == [ENGINE_NAME] * len(asks)
    assert [answer[1:] for answer in on_engine] == [answer[1:] for answer in on_database]
    assert {title for title, _url, _hub in on_engine[0][2]} == {A_PAGE}
    assert {title for title, _url, _hub in on_engine[1][2]} == {A_PAGE, *B_PAGES}
