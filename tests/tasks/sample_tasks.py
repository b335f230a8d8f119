"""Test-only tasks for the worker tests (imported by the real ``db_worker`` subprocess by their module path)."""

import time
from pathlib import Path

from worker.queue import background_task

ADDRESS = "family-in-an-error@example.jp"


def append(path, line):
    with Path(path).open("a") as file:
        file.write(f"{line}\n")


@background_task()
def slow_task(folder):
    """Notes its start, waits for ``release`` in the folder, notes that it finished."""
    folder = Path(folder)
    append(folder / "started", "x")
    while not (folder / "release").exists():
        time.sleep(0.05)
    append(folder / "done", "x")


@background_task()
def flaky_task(folder):
    """Fails on its first run (with an address in the error, as an SMTP refusal would), then succeeds."""
    folder = Path(folder)
    append(folder / "flaky", "x")
    if len((folder / "flaky").read_text().split()) == 1:
        raise ValueError(f"550 mailbox {ADDRESS} unavailable")
    return True


@background_task()
def failing_task():
    raise ConnectionRefusedError(f"no route for {ADDRESS}")


@background_task(retry=False)
def once_task():
    raise RuntimeError(f"not safe to repeat for {ADDRESS}")
