"""The worker tests: the database queue (django_tasks_db) and real ``manage.py db_worker`` processes on the
test database (SQLite file or PostgreSQL), which see what a transactional test commits."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.db import connection

from cms.settings.base import task_backends

BASE_DIR = Path(settings.BASE_DIR)
WAIT_SECONDS = 120  # a bound on waiting for a process on a busy machine, not a speed goal


@pytest.fixture
def database_queue(settings):
    """Tasks are queued in the database (as in production) instead of running at once."""
    settings.TASKS = task_backends("database")
    settings.TASK_RETRY_SECONDS = 0


def run_queue(worker_id="in-test"):
    """django_tasks_db's own worker loop, in this process: every ready task (retries included), then return. Its
    ``close_old_connections`` is left out: it would close the test's connection, held open by its transaction."""
    from django_tasks_db.management.commands import db_worker

    options = {"queue_names": ["default"], "interval": 0, "batch": True, "backend_name": "default"}
    worker = db_worker.Worker(
        **options, startup_delay=False, max_tasks=None, worker_id=worker_id, excluded_queue_names=[]
    )
    with mock.patch.object(db_worker, "close_old_connections", lambda: None):
        worker.run()


def database_url():
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def wait_for(condition, what, timeout=WAIT_SECONDS):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.1)


class Workers:
    """Start ``manage.py db_worker`` processes (ids given, as the systemd unit does); all are killed at the end."""

    def __init__(self, folder):
        self.folder = folder
        self.mail_dir = folder / "mail"
        self.mail_dir.mkdir()
        self.processes = []

    def start(self, worker_id, *options):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.tasks.worker_settings",
            "DATABASE_URL": database_url(),
            "WORKER_MAIL_DIR": str(self.mail_dir),
            "TASK_BACKEND": "database",
        }
        log = (self.folder / f"{worker_id}-{len(self.processes)}.log").open("w")
        command = [sys.executable, "manage.py", "db_worker", "--worker-id", worker_id, "--interval", "0.1"]
        process = subprocess.Popen(
            [*command, "--no-startup-delay", "--no-reload", "-v", "2", *options],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.processes.append(process)
        return process

    def run_batch(self, worker_id):
        """A worker that runs every task ready (retries included) and exits."""
        process = self.start(worker_id, "--batch")
        assert process.wait(timeout=WAIT_SECONDS) == 0, self.logs()
        return process

    def kill(self, process):
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=WAIT_SECONDS)

    def logs(self):
        return "".join(path.read_text() for path in sorted(self.folder.glob("*.log")))

    def mails(self):
        return sorted(self.mail_dir.iterdir())

    def stop_all(self):
        for process in self.processes:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=WAIT_SECONDS)


@pytest.fixture
def workers(tmp_path):
    started = Workers(tmp_path)
    yield started
    started.stop_all()


from tests.bookings.conftest import bookable, programs_index  # noqa: E402, F401 - fixtures of other tests
from tests.resources_directory.conftest import directory, taxonomy  # noqa: E402, F401
