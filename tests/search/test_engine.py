"""The same test set on the real OpenSearch node, the fault test, and the listing contract on both backends.

Marked `engine`: they need SEARCH_ENGINE_URL (scripts/opensearch start). In CI they run and must pass.
"""

import os
import random
import subprocess
from pathlib import Path

import pytest
from django.test import override_settings

from search.backends.database import DatabaseEngine
from search.backends.opensearch import OpenSearchEngine
from search.engine import FallbackEngine
from search.models import PendingIndexChange
from tests.search.corpus import QUERIES
from tests.search.test_japanese_recall import missed

ENGINE_URL = os.environ.get("SEARCH_ENGINE_URL", "")
REPO = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.engine,
    pytest.mark.skipif(not ENGINE_URL and not os.environ.get("CI"), reason="SEARCH_ENGINE_URL not set"),
]


@pytest.fixture
def engine_settings(settings):
    settings.SEARCH_ENGINE_URL = ENGINE_URL
    settings.SEARCH_ENGINE_INDEX_PREFIX = f"test-{os.getpid()}"
    yield settings


@pytest.fixture
def opensearch(engine_settings):
    engine = OpenSearchEngine.from_settings()
    yield engine
    engine.client.indices.delete(index=f"{engine.prefix}-*", ignore_unavailable=True)


def test_every_query_finds_its_pages_on_opensearch(opensearch, corpus):
    opensearch.rebuild()
    assert missed(opensearch, corpus, QUERIES) == []
    assert opensearch.search("沐浴").backend == "opensearch"


def test_publish_unpublish_follow_the_engine(opensearch, corpus, client, django_capture_on_commit_callbacks):
    from search import engine as engine_module

    engine_module._engines.clear()
    opensearch.rebuild()
    assert client.get("/api/v1/search/", {"q": "芝生"}).json()["count"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        corpus["koen"].unpublish()
    data = client.get("/api/v1/search/", {"q": "芝生"}).json()
    assert (data["backend"], data["count"]) == ("opensearch", 0)
    with django_capture_on_commit_callbacks(execute=True):
        corpus["koen"].save_revision().publish()
    assert client.get("/api/v1/search/", {"q": "しばふ"}).json()["count"] == 1


def _node(cmd):
    subprocess.run([str(REPO / "scripts" / "opensearch"), cmd], check=True, capture_output=True, timeout=300)


def test_engine_down_answers_from_the_database_and_catches_up(
    opensearch, corpus, client, caplog, django_capture_on_commit_callbacks
):
    """Stop the real node mid-test: results still come, marked "database"; changes made meanwhile are replayed."""
    from search import engine as engine_module

    engine_module._engines.clear()
    opensearch.rebuild()
    assert client.get("/api/v1/search/", {"q": "もくよく"}).json()["backend"] == "opensearch"
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
    assert data["backend"] == "opensearch"
    assert "芝生の公園あそび（新）" in [r["title"] for r in data["results"]]
    assert client.get("/api/v1/search/", {"q": "おはなし会"}).json()["count"] == 0


def listing_docs(n=300, seed=7):
    rng = random.Random(seed)
    cats = ["hub", "salon", "park", "library", "clinic"]
    areas = ["港南区", "南区", "磯子区"]
    words = ["子育てサロン", "公園", "図書館のおはなし会", "授乳室あり", "ベビーカー可", "パパ歓迎"]
    docs = []
    for i in range(n):
        lo = rng.choice([0, 6, 12, 24])
        docs.append(
            {
                "id": f"listing:{i}",
                "title": f"{rng.choice(words)} {i}",
                "text": " ".join(rng.sample(words, 2)),
                "category": rng.choice(cats),
                "area": rng.choice(areas),
                "location": (35.39 + rng.uniform(-0.05, 0.05), 139.59 + rng.uniform(-0.05, 0.05)),
                "age_min_months": lo,
                "age_max_months": lo + rng.choice([12, 24, 72]),
                "weekdays": rng.sample(["mon", "tue", "wed", "thu", "fri", "sat"], 2),
                "url": f"/directory/{i}/",
            }
        )
    return docs


def test_listings_same_ids_in_same_distance_order_on_database_and_engine(opensearch, engine_settings):
    docs = listing_docs()
    engine_settings.SEARCH_LISTING_SOURCE = "tests.search.test_engine.listing_docs"
    opensearch.rebuild_listings(docs)
    db = DatabaseEngine()
    near = (35.39, 139.59)
    cases = [
        {"near": near, "within_km": 3},
        {"near": near, "within_km": 5, "query": "サロン", "filters": {"area": ["港南区"]}},
        {"near": near, "query": "じゅにゅうしつ", "filters": {"age_months": 8, "weekdays": ["tue"]}},
        {"query": "ﾊﾟﾊﾟ", "filters": {"category": ["park", "hub"]}},
    ]
    for case in cases:
        a = db.search_listings(per_page=50, **case)
        b = opensearch.search_listings(per_page=50, **case)
        assert a["count"] == b["count"] > 0, case
        assert a["ids"] == b["ids"], case
        assert a["facets"] == b["facets"], case
        if "near" in case:
            assert [round(d, 2) for d in a["distances_km"]] == [round(d, 2) for d in b["distances_km"]]
    fallback = FallbackEngine(OpenSearchEngine("http://127.0.0.1:9", timeout=0.5), db)
    with override_settings(SEARCH_LISTING_SOURCE="tests.search.test_engine.listing_docs"):
        assert fallback.search_listings(near=near, within_km=3)["backend"] == "database"


def test_slow_engine_times_out_within_a_second(opensearch, corpus, client):
    """Freeze the real node (SIGSTOP): the query times out after SEARCH_ENGINE_TIMEOUT and the database answers."""
    import signal
    import time

    from search import engine as engine_module

    engine_module._engines.clear()
    opensearch.rebuild()
    assert client.get("/api/v1/search/", {"q": "沐浴"}).json()["backend"] == "opensearch"
    home = Path(os.environ.get("OPENSEARCH_HOME", "var/opensearch"))
    pid = int(((home if home.is_absolute() else REPO / home) / "opensearch.pid").read_text())
    os.kill(pid, signal.SIGSTOP)
    try:
        start = time.monotonic()
        data = client.get("/api/v1/search/", {"q": "沐浴"}).json()
        assert time.monotonic() - start < 1.5
    finally:
        os.kill(pid, signal.SIGCONT)
    assert data["backend"] == "database"
    assert "沐浴体験と赤ちゃんのお世話" in [r["title"] for r in data["results"]]
