"""A real ``manage.py db_worker`` process on the test database: a task cut off by SIGKILL runs again and completes
once; failed tasks are retried within TASK_MAX_ATTEMPTS and keep no personal data; an e-mail task run again
never sends twice."""

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from bookings import services
from bookings.models import BookingMessage
from tests.bookings.conftest import family
from tests.tasks.conftest import wait_for
from tests.tasks.sample_tasks import ADDRESS, failing_task, flaky_task, once_task, slow_task
from worker import queue

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def stored(result):
    return DBTaskResult.objects.get(pk=result.id)


def lines(path):
    return len(path.read_text().split()) if path.exists() else 0


def test_a_task_cut_off_by_sigkill_runs_again_and_completes_exactly_once(database_queue, workers, tmp_path):
    result = slow_task.enqueue(str(tmp_path))
    first = workers.start("worker-1")
    wait_for(lambda: (tmp_path / "started").exists(), "the task to start")
    assert stored(result).status == "RUNNING"
    workers.kill(first)  # mid-task: django_tasks_db alone would leave it RUNNING for ever
    assert stored(result).status == "RUNNING" and lines(tmp_path / "done") == 0
    (tmp_path / "release").touch()

    workers.run_batch("worker-2")  # another worker: the task is not stale yet (TASK_STALE_SECONDS), left alone
    assert stored(result).status == "RUNNING" and lines(tmp_path / "done") == 0

    workers.run_batch("worker-1")  # worker-1 restarts: what it left running is queued again at once
    row = stored(result)
    assert row.status == "SUCCESSFUL" and queue.attempts(row) == 2
    assert (lines(tmp_path / "started"), lines(tmp_path / "done")) == (2, 1)
    assert "queued again" in workers.logs()


def test_requeue_stale_tasks_frees_a_task_whose_worker_died(database_queue, workers, tmp_path):
    (tmp_path / "release").touch()
    result = slow_task.enqueue(str(tmp_path))
    lost = {"status": "RUNNING", "started_at": timezone.now(), "worker_ids": ["lost-machine"]}  # never back
    DBTaskResult.objects.filter(pk=result.id).update(**lost)
    call_command("requeue_stale_tasks", "--older-than", "0")
    workers.run_batch("worker-3")
    assert stored(result).status == "SUCCESSFUL" and lines(tmp_path / "done") == 1


def test_failed_tasks_are_retried_within_the_limit_and_keep_no_personal_data(database_queue, workers, tmp_path):
    flaky, failing, once = flaky_task.enqueue(str(tmp_path)), failing_task.enqueue(), once_task.enqueue()
    workers.run_batch("worker-r")
    assert (stored(flaky).status, queue.attempts(stored(flaky))) == ("SUCCESSFUL", 2)
    assert (stored(failing).status, queue.attempts(stored(failing))) == ("FAILED", 3)  # TASK_MAX_ATTEMPTS
    assert (stored(once).status, queue.attempts(stored(once))) == ("FAILED", 1)  # not declared safe to repeat
    assert queue.error_class(stored(failing)) == "builtins.ConnectionRefusedError"
    for row in DBTaskResult.objects.all():
        assert ADDRESS not in f"{row.args_kwargs} {row.exception_class_path} {row.traceback} {row.return_value}"
    assert ADDRESS not in workers.logs() and "ConnectionRefusedError" in workers.logs()


def test_a_booking_e_mail_goes_once_even_when_its_task_runs_again(database_queue, workers, bookable):
    booking = services.book(bookable(), **family(1))
    [row] = DBTaskResult.objects.filter(task_path__startswith="bookings.")
    assert row.args_kwargs == {"args": [booking.pk, "confirmed", "ja"], "kwargs": {}}  # ids, never the family
    workers.run_batch("worker-m")
    assert stored(row).status == "SUCCESSFUL" and stored(row).return_value is True
    sent = "".join(path.read_text() for path in workers.mails())
    assert sent.count("To: family1@example.jp") == 1
    # The worker died after the message went out, before it could mark the task done: it runs again at restart.
    DBTaskResult.objects.filter(pk=row.pk).update(status="RUNNING", finished_at=None, worker_ids=["worker-m"])
    workers.run_batch("worker-m")
    assert stored(row).status == "SUCCESSFUL" and stored(row).return_value is False
    sent = "".join(path.read_text() for path in workers.mails())
    assert sent.count("To: family1@example.jp") == 1
    assert BookingMessage.objects.filter(booking=booking, kind="confirmed").count() == 1
