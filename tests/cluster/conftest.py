"""The cluster tests (marker `cluster`): three real OpenSearch nodes, one of them killed mid-load.

`make test-cluster` starts the cluster (scripts/opensearch start --nodes 3 on OPENSEARCH_PORT, default 9250, home
var/opensearch-cluster), runs ``pytest -m cluster tests/cluster`` with SEARCH_ENGINE_URL = every node's URL, and
stops it. They are skipped unless ``-m`` selects them (the default run and CI never start a cluster).

The data (the two demo hubs plus 20,000 generated listings, indexed on the engine) is built once for the module in
a test database of its own (the usual test database name) and stays committed: the tests run a real threaded
server against it. The database is destroyed at the end.
"""

import io
import os
import random
import subprocess
from pathlib import Path

import pytest
from _pytest.mark.expression import Expression

REPO = Path(__file__).resolve().parents[2]
ENGINE_URLS = os.environ.get("SEARCH_ENGINE_URL", "")
GENERATED_LISTINGS = int(os.environ.get("CLUSTER_TEST_LISTINGS", "20000"))


def _selects_cluster(markexpr):
    """True when ``-m`` asks for the cluster tests themselves (``-m cluster``), not for everything but another
    marker (``-m "not browser"``)."""
    if not markexpr:
        return False
    expression = Expression.compile(markexpr)
    return expression.evaluate(lambda name: name == "cluster") and not expression.evaluate(lambda name: False)


def pytest_collection_modifyitems(config, items):
    if _selects_cluster(config.option.markexpr):
        return
    skip = pytest.mark.skip(reason="cluster test: run with `make test-cluster` (pytest -m cluster)")
    for item in items:
        if "cluster" in item.keywords:
            item.add_marker(skip)


def opensearch(*args):
    """scripts/opensearch with this run's OPENSEARCH_PORT / OPENSEARCH_HOME (the cluster's)."""
    # A whole cluster coming back recovers every shard copy on a 2-core machine that also runs the load: its time
    # to green is a figure of the test, not a failure (the script's default wait is 180 s).
    env = {"OPENSEARCH_START_TIMEOUT": "600", **os.environ}
    result = subprocess.run(
        [str(REPO / "scripts" / "opensearch"), *args], capture_output=True, text=True, timeout=900, check=True, env=env
    )
    return result.stdout.strip()


@pytest.fixture(scope="module")
def cluster_settings():
    from django.test import override_settings

    if len([url for url in ENGINE_URLS.split(",") if url.strip()]) < 2:
        pytest.fail("SEARCH_ENGINE_URL must list the cluster's nodes (make test-cluster)")
    with override_settings(
        SEARCH_ENGINE_URL=ENGINE_URLS,
        SEARCH_ENGINE_KIND="opensearch",
        SEARCH_ENGINE_INDEX_PREFIX=f"cluster-{os.getpid()}",
        SEARCH_ENGINE_RETRY_SECONDS=1,
    ):
        from search import engine as engine_module

        engine_module._engines.clear()
        yield
        engine_module._engines.clear()


@pytest.fixture(scope="module")
def city(django_db_blocker, cluster_settings):
    """Demo hubs + generated listings, committed, both indexes built on the cluster; {"directory", "listing_ids"}."""
    from django.core.management import call_command
    from django.db import connection, transaction

    from resources_directory.factories import bulk_listings
    from resources_directory.models import DirectoryPage
    from search.directory import documents
    from search.directory.documents import engine_documents
    from search.engine import get_engine

    with django_db_blocker.unblock():
        # The module's own test database (committed data: a real server reads it from other threads).
        old_name = connection.settings_dict["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        call_command("load_demo", stdout=io.StringIO())
        directory = DirectoryPage.objects.live().order_by("path").first()
        with transaction.atomic():
            target = directory.numchild + GENERATED_LISTINGS
            listing_ids = bulk_listings(directory, target, random.Random(20))
            documents.refresh(listing_ids)
        engine = get_engine()
        engine.rebuild()
        engine.primary.rebuild_listings(engine_documents())
        yield {"directory": directory, "listing_ids": listing_ids}
        engine.primary.client.indices.delete(index=f"{engine.primary.prefix}-*", ignore_unavailable=True)
        connection.creation.destroy_test_db(old_name, verbosity=0)


@pytest.fixture
def db_access(city, django_db_blocker):
    with django_db_blocker.unblock():
        yield
