"""The fault scenarios again with the index upkeep in a real ``manage.py db_worker`` process (TASK_BACKEND=database):
publishing only queues a task; the worker sends it to the engine, or (the engine down) keeps the change in
PendingIndexChange and replays it once the cluster answers. The same zero-loss checks as test_fault.
"""

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from cms.settings.base import task_backends
from search.models import PendingIndexChange
from tests.cluster.conftest import ENGINE_URLS, REPO, opensearch
from tests.cluster.load import Editor, Searchers, running_server
from tests.cluster.test_fault import (
    editable_pages,
    kill_every_node,
    missing_and_stale,
    one_node_fault,
    record,
    verify_differences,
)
from tests.tasks.conftest import database_url

pytestmark = [pytest.mark.cluster, pytest.mark.usefixtures("db_access")]


@pytest.fixture
def worker(city, tmp_path):
    """The database queue in this process and one ``db_worker`` process on the module's database and indexes."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.cluster.worker_settings",
        "DATABASE_URL": database_url(),
        "SEARCH_ENGINE_URL": ENGINE_URLS,
        "SEARCH_ENGINE_INDEX_PREFIX": settings.SEARCH_ENGINE_INDEX_PREFIX,
        "TASK_BACKEND": "database",
    }
    log = (tmp_path / "db_worker.log").open("w")
    command = [sys.executable, "manage.py", "db_worker", "--worker-id", "cluster", "--interval", "0.2"]
    process = subprocess.Popen(
        [*command, "--no-startup-delay", "--no-reload"], cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    with override_settings(TASKS=task_backends("database")):
        yield process
    process.terminate()
    process.wait(timeout=60)


def queue_empty():
    return not (DBTaskResult.objects.ready().exists() or DBTaskResult.objects.running().exists())


def drain(editor, label, timeout=300):
    """Until the worker has run every task and nothing is left in PendingIndexChange: a publish every ~1 s (each
    write that reaches the engine replays the pending changes first)."""
    deadline = time.monotonic() + timeout
    while not (queue_empty() and not PendingIndexChange.objects.exists()) and time.monotonic() < deadline:
        time.sleep(1.1)
        if queue_empty():
            editor.publish_next(label)


def assert_zero_loss(searchers, phase, missing, stale, differences, worker):
    figures = searchers.figures(phase)
    assert figures["5xx or no answer"] == 0 and figures["empty"] == 0
    assert (missing, stale, differences) == (0, 0, 0)
    assert PendingIndexChange.objects.count() == 0
    assert queue_empty() and not DBTaskResult.objects.failed().exists()
    assert worker.poll() is None  # the worker survived the faults


def test_a_killed_node_with_a_task_worker(city, worker):
    searchers, updates, during, green = one_node_fault(city, "w-", drain)
    missing, stale = missing_and_stale(during)
    differences = verify_differences()
    tasks = DBTaskResult.objects.successful().count()
    record("one node of 3 killed, db_worker", searchers, updates, missing, stale, differences, green, "fault")
    print(f"tasks run by the worker: {tasks}")
    assert updates > 0 and tasks >= updates
    assert_zero_loss(searchers, "fault", missing, stale, differences, worker)


def test_the_whole_cluster_down_with_a_task_worker(city, worker):
    editor = Editor(editable_pages(city))
    with running_server() as url, Searchers(url) as searchers:
        kill_every_node(searchers)
        updates = editor.run_for(10, "w-down")
        during = dict(editor.published)
        deadline = time.monotonic() + 120
        while not queue_empty() and time.monotonic() < deadline:
            time.sleep(0.5)  # the worker has tried each task: the engine is down, the changes are kept
        queued = PendingIndexChange.objects.count()
        searchers.phase = "recovery"
        started = time.monotonic()
        opensearch("start")
        green = time.monotonic() - started
        drain(editor, "w-after")
    missing, stale = missing_and_stale(during)
    differences = verify_differences()
    record("whole cluster down, db_worker", searchers, updates, missing, stale, differences, green, "down")
    down = searchers.figures("down")
    assert down["backends"] == {"database": down["searches"]}
    assert queued > 0
    assert_zero_loss(searchers, "down", missing, stale, differences, worker)
