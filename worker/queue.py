"""The project's side of the task queue (django-tasks; ``django_tasks_db`` in production, see docs/tasks.md).

- ``background_task``: a task whose failure stores and logs only the error's class (an exception's message or
  traceback can hold a family's name or address), and which is retried automatically (bounded by
  ``TASK_MAX_ATTEMPTS``) when its module declares it safe to run again.
- ``enqueue_after_commit``: with the database backend the task row is written in the caller's transaction (it
  exists exactly when the change it follows was committed); with the immediate backend it runs after commit.
- ``requeue_stale``: a task left RUNNING by a worker that died (SIGKILL, out of memory, a lost machine) is put
  back in the queue once it has run longer than ``TASK_STALE_SECONDS``; after ``TASK_MAX_ATTEMPTS`` it is marked
  failed instead (``WorkerLost``), so a task that kills its worker cannot loop forever.
- ``retry_failed``: the admin's "retry" of a failed task.

Task arguments are ids and keys only: the queue table and the worker's log never carry personal data.
"""

import functools
import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, task, task_backends

logger = logging.getLogger(__name__)

RETRYABLE = set()  # module paths of the tasks that may run again after a failure


class TaskFailed(Exception):
    """What a background task raises instead of its error: the message is the error's class, nothing more."""


class WorkerLost(Exception):
    """The worker stopped (killed, out of memory) while the task ran, too many times."""


def class_path(error):
    kind = type(error)
    return f"{kind.__module__}.{kind.__qualname__}"


def background_task(*, retry=True, **options):
    """``django_tasks.task`` whose error carries only its class; ``retry``: run again after a failure (the task
    is idempotent, or guards itself with a marker so it never repeats what was done)."""

    def decorate(function):
        @functools.wraps(function)
        def run(*args, **kwargs):
            try:
                return function(*args, **kwargs)
            except Exception as error:
                raise TaskFailed(class_path(error)) from None

        made = task(**options)(run)
        if retry:
            RETRYABLE.add(made.module_path)
        return made

    return decorate


def uses_database_queue(backend_alias="default"):
    from django_tasks_db import DatabaseBackend

    return isinstance(task_backends[backend_alias], DatabaseBackend)


def enqueue_after_commit(task_, *args):
    """Queue the task with the change it follows: in the same transaction (database queue) or after commit."""
    if uses_database_queue(task_.backend):
        task_.enqueue(*args)
    else:
        transaction.on_commit(lambda: task_.enqueue(*args))


def attempts(db_result):
    return len(db_result.worker_ids)


def max_attempts():
    return settings.TASK_MAX_ATTEMPTS


def retry_delay(tries):
    return timedelta(seconds=settings.TASK_RETRY_SECONDS * 2 ** max(0, tries - 1))


def retry_if_allowed(sender, task_result, **kwargs):
    """``task_finished`` in the worker: a failed retryable task goes back in the queue, later, while attempts are
    left. Never raises (the worker must keep running)."""
    db_result = getattr(task_result, "db_result", None)
    if db_result is None or task_result.status != TaskResultStatus.FAILED:
        return
    try:
        tries = attempts(db_result)
        if db_result.task_path in RETRYABLE and tries < max_attempts():
            requeue(db_result, run_after=timezone.now() + retry_delay(tries))
    except Exception:  # noqa: BLE001 - logged by id; the task stays failed and can be retried from the admin
        logger.exception("task %s: could not be queued again", db_result.pk)


def requeue(db_result, run_after=None):
    """Back to READY; the last error stays recorded until it succeeds. Returns whether the row changed."""
    from django_tasks_db.models import DBTaskResult

    return bool(
        DBTaskResult.objects.filter(pk=db_result.pk, status=db_result.status).update(
            status=TaskResultStatus.READY, run_after=run_after or timezone.now(), finished_at=None
        )
    )


def stale_tasks(seconds=None):
    from django_tasks_db.models import DBTaskResult

    seconds = settings.TASK_STALE_SECONDS if seconds is None else seconds
    return DBTaskResult.objects.running().filter(started_at__lte=timezone.now() - timedelta(seconds=seconds))


def requeue_stale(seconds=None):
    """Put back tasks RUNNING longer than ``seconds`` (their worker died); returns (requeued, given up)."""
    return requeue_or_give_up(stale_tasks(seconds))


def requeue_or_give_up(rows):
    requeued = given_up = 0
    for db_result in rows:
        if attempts(db_result) < max_attempts():
            requeued += requeue(db_result)
        else:
            given_up += mark_lost(db_result)
    if requeued or given_up:
        logger.warning("interrupted tasks: %s queued again, %s given up", requeued, given_up)
    return requeued, given_up


def mark_lost(db_result):
    from django_tasks_db.models import DBTaskResult

    lost = WorkerLost(f"{attempts(db_result)} attempts")
    return bool(
        DBTaskResult.objects.filter(pk=db_result.pk, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.FAILED,
            finished_at=timezone.now(),
            exception_class_path=class_path(lost),
            traceback=f"{class_path(lost)}: {lost}\n",
        )
    )


def retry_failed(result_id):
    """The admin's retry: a failed task runs again at the worker's next look. Returns whether it was failed."""
    from django_tasks_db.models import DBTaskResult

    db_result = DBTaskResult.objects.filter(pk=result_id, status=TaskResultStatus.FAILED).first()
    return db_result is not None and requeue(db_result)


def error_class(db_result):
    """The class of the task's last error (a ``TaskFailed`` names the original class), or ""."""
    if not db_result.exception_class_path:
        return ""
    if db_result.exception_class_path == class_path(TaskFailed("")):
        last_line = db_result.traceback.strip().splitlines()[-1:] or [""]
        return last_line[0].partition(": ")[2] or db_result.exception_class_path
    return db_result.exception_class_path


def requeue_orphans(worker_id):
    """At a worker's start: tasks still RUNNING under its own id were cut off when it last stopped (a worker id
    runs one process at a time). Returns (requeued, given up)."""
    orphans = [row for row in stale_tasks(seconds=0) if row.worker_ids[-1:] == [worker_id]]
    return requeue_or_give_up(orphans)


def tally(results):
    """(done, failed, queued) of enqueued tasks: done = ran and returned True (the immediate backend runs them at
    once; the database backend leaves them queued for the worker)."""
    done = failed = queued = 0
    for result in results:
        if result.status == TaskResultStatus.SUCCESSFUL:
            done += result.return_value is True
        elif result.status == TaskResultStatus.FAILED:
            failed += 1
        else:
            queued += 1
    return done, failed, queued
