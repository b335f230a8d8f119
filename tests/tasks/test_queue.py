"""With the database queue (production): what each change queues (ids only, with its transaction, nothing when it
rolls back), what the worker then does, the reminder commands, stale tasks, and the production default."""

import importlib
import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from bookings import services
from bookings.models import Booking
from resources_directory.importer import import_csv_bytes
from resources_directory.models import DirectoryPage, ListingPage
from tests.bookings.conftest import family
from tests.resources_directory.freshness_helpers import GROUP_EMAIL, stale_listing
from tests.resources_directory.test_import_bulk import csv_bytes, row
from tests.tasks.conftest import run_queue
from worker import queue


def queued(prefix):
    return list(DBTaskResult.objects.filter(task_path__startswith=prefix, status="READY").order_by("enqueued_at"))


def test_a_booking_rolled_back_queues_no_e_mail(database_queue, bookable):
    date = bookable()
    with pytest.raises(RuntimeError), transaction.atomic():
        services.book(date, **family(1))
        raise RuntimeError("the request failed after booking")
    assert queued("bookings.") == [] and not Booking.objects.exists()
    services.book(bookable(), **family(2))
    [task] = queued("bookings.")
    assert task.args_kwargs["args"][1:] == ["confirmed", "ja"] and mail.outbox == []
    run_queue()
    assert [message.to for message in mail.outbox] == [["family2@example.jp"]]


def test_the_csv_import_reindexes_through_one_task(database_queue, directory, taxonomy):
    report = import_csv_bytes(csv_bytes([row(n) for n in range(3)]), directory)
    assert report.errors == []
    ids = sorted(ListingPage.objects.filter(slug__startswith="imported-").values_list("pk", flat=True))
    [task] = queued("resources_directory.publishing.reindex_listings")
    assert task.args_kwargs["args"] == [ids]
    name = row(1)["name"]
    assert not ListingPage.objects.search(name)  # Wagtail's index (admin and site search): not yet
    run_queue()
    assert ListingPage.objects.search(name)[0].pk in ids


def test_engine_upkeep_is_queued_with_the_publish(database_queue, directory, settings):
    settings.SEARCH_ENGINE_URL = "http://127.0.0.1:9"  # queued only: no worker runs here
    with pytest.raises(RuntimeError), transaction.atomic():
        directory.save_revision().publish()
        raise RuntimeError("rolled back")
    assert queued("search.signals.") == []
    page = DirectoryPage.objects.get(pk=directory.pk)
    page.save_revision().publish()
    [task] = queued("search.signals.update_engine_task")
    assert task.args_kwargs["args"][0] == "index" and task.args_kwargs["args"][2] == page.pk


def test_booking_reminders_are_queued_by_the_command_and_sent_once_by_the_worker(database_queue, bookable):
    date = bookable(days_ahead=1)
    services.book(date, **family(1))
    run_queue()  # the confirmation
    mail.outbox.clear()
    for _ in range(2):  # cron ran twice before the worker came by: two tasks for one booking
        out = io.StringIO()
        call_command("send_booking_reminders", stdout=out)
        assert "0" in out.getvalue() and "1" in out.getvalue()  # 0 sent, 0 failed, 1 queued
    assert len(queued("bookings.notifications.send_reminder_task")) == 2
    run_queue()
    assert [message.to for message in mail.outbox] == [["family1@example.jp"]]
    assert Booking.objects.get().reminded_at is not None


def test_freshness_reminders_are_queued_by_the_command_and_sent_by_the_worker(database_queue, directory):
    page = stale_listing(directory)
    out = io.StringIO()
    call_command("send_freshness_reminders", stdout=out)
    assert "0 sent, 0 failed, 1 queued" in out.getvalue() and mail.outbox == []
    [task] = queued("resources_directory.freshness.")
    assert task.args_kwargs["args"] == [page.pk]
    run_queue()
    assert [message.to for message in mail.outbox] == [[GROUP_EMAIL]]


def test_a_stale_task_is_requeued_until_the_attempts_are_used_then_failed(database_queue, bookable, settings):
    services.book(bookable(), **family(1))
    [task] = queued("bookings.")
    old = timezone.now() - timedelta(seconds=settings.TASK_STALE_SECONDS + 1)
    for attempt in range(1, settings.TASK_MAX_ATTEMPTS + 1):
        DBTaskResult.objects.filter(pk=task.pk).update(
            status="RUNNING", started_at=old, worker_ids=[f"dead-{n}" for n in range(attempt)]
        )
        call_command("requeue_stale_tasks", stdout=io.StringIO())
    task.refresh_from_db()
    assert task.status == "FAILED" and queue.error_class(task) == "worker.queue.WorkerLost"
    assert mail.outbox == []  # given up: shown in the admin, retried from there
    with pytest.raises(CommandError):
        call_command("requeue_stale_tasks", "--older-than", "-1")


def test_production_queues_in_the_database_unless_told_otherwise(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    monkeypatch.delenv("TASK_BACKEND", raising=False)
    production = importlib.reload(importlib.import_module("cms.settings.production"))
    assert production.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    monkeypatch.setenv("TASK_BACKEND", "immediate")
    assert importlib.reload(production).TASKS["default"]["BACKEND"].endswith("ImmediateBackend")
    monkeypatch.setenv("TASK_BACKEND", "celery")
    with pytest.raises(ImproperlyConfigured, match="TASK_BACKEND"):
        importlib.reload(production)
