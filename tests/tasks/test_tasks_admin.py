"""/admin/tasks/: who may see the queue (superusers, City staff; never a hub's staff), what a row shows (never a
family's data), and the retry of a failed task (POST with CSRF)."""

import logging

import pytest
from django.contrib.auth import get_user_model
from django.core.mail.backends.base import BaseEmailBackend
from django.test import Client
from django_tasks_db.models import DBTaskResult

from bookings import services
from home.hubs import all_hubs
from tests.bookings.conftest import family
from tests.conftest import log_in
from tests.resources_directory.live_helpers import make_floor_user
from tests.tasks.conftest import run_queue
from worker import queue

URL = "/admin/tasks/"
MENU_LINK = '"name": "tasks"'  # the sidebar's menu item (JSON)
NAME, CONTACT = "家族 1", "family1@example.jp"


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, messages):  # as an SMTP server refusing a recipient: the address is in the error
        raise ConnectionRefusedError(f"550 {messages[0].to[0]} refused")


@pytest.fixture
def failed_email(database_queue, bookable, settings, caplog):
    """A booking whose confirmation could not be sent: tried TASK_MAX_ATTEMPTS times by the worker, failed."""
    settings.EMAIL_BACKEND = "tests.tasks.test_tasks_admin.RefusingBackend"
    booking = services.book(bookable(), **family(1))
    with caplog.at_level(logging.INFO):
        run_queue()
    return booking, DBTaskResult.objects.get(task_path="bookings.notifications.send_email_task")


def test_a_failed_e_mail_task_keeps_only_ids_and_the_error_class(failed_email, caplog):
    booking, row = failed_email
    assert (row.status, queue.attempts(row), queue.error_class(row)) == ("FAILED", 3, "builtins.ConnectionRefusedError")
    stored = f"{row.args_kwargs} {row.exception_class_path} {row.traceback} {row.return_value}"
    logged = "".join(logging.Formatter().format(record) for record in caplog.get_records("setup"))
    for private in (NAME, CONTACT):
        assert private not in stored and private not in logged
    assert f"booking {booking.pk}" in logged
    assert not booking.messages.exists()  # released: a retry will send it


def user_for(role, staff):
    if role == "floor":
        return make_floor_user(all_hubs().first())
    if role == "superuser":
        return get_user_model().objects.create_superuser("root", "root@x.invalid", "a-long-test-password-1")
    return staff[role]


@pytest.mark.parametrize(
    "role, allowed",
    [
        ("anonymous", False),
        ("editor", False),
        ("reviewer", False),
        ("manager", False),
        ("floor", False),
        ("city", True),
        ("superuser", True),
    ],
)
def test_only_superusers_and_city_staff_see_and_retry_tasks(role, allowed, failed_email, staff):
    _booking, row = failed_email
    client = Client()
    if role != "anonymous":
        log_in(client, user_for(role, staff))
    page = client.get(URL)
    retried = client.post(f"{URL}{row.pk}/retry/")
    if allowed:
        assert page.status_code == 200 and "bookings.notifications.send_email_task" in page.content.decode()
        assert retried.status_code == 302 and DBTaskResult.objects.get(pk=row.pk).status == "READY"
        assert MENU_LINK in client.get("/admin/").content.decode()  # in the Reports menu
    else:
        assert page.status_code == 302 and retried.status_code == 302  # to the login, or Wagtail's refusal
        assert DBTaskResult.objects.get(pk=row.pk).status == "FAILED"
        if role != "anonymous":
            assert MENU_LINK not in client.get("/admin/").content.decode()


def test_the_list_shows_times_attempts_and_error_class_never_the_family(failed_email, bookable, staff, client):
    _booking, row = failed_email
    services.book(bookable(), **family(2))  # queued, not run yet
    log_in(client, staff["city"])
    html = client.get(URL).content.decode()
    failed, queued = html.split('id="table-failed"')[1], html.split('id="table-queued"')[1]
    assert "builtins.ConnectionRefusedError" in failed and "<td>3</td>" in failed
    assert "bookings.notifications.send_email_task" in queued
    for private in (NAME, CONTACT, "家族 2", "family2@example.jp"):
        assert private not in html


def test_retry_is_a_post_with_csrf_and_only_for_failed_tasks(failed_email, staff):
    _booking, row = failed_email
    client = Client(enforce_csrf_checks=True)
    log_in(client, staff["city"])
    assert client.get(f"{URL}{row.pk}/retry/").status_code == 405
    assert client.post(f"{URL}{row.pk}/retry/").status_code == 403  # no CSRF token
    assert DBTaskResult.objects.get(pk=row.pk).status == "FAILED"
    client = log_in(Client(), staff["city"])
    assert client.post(f"{URL}{row.pk}/retry/").status_code == 302
    again = client.post(f"{URL}{row.pk}/retry/", follow=True)  # queued now, not failed: nothing to do
    assert "nothing was done" in again.content.decode() or "何もしていません" in again.content.decode()
    assert client.post(f"{URL}not-a-task/retry/").status_code == 404
    row = DBTaskResult.objects.get(pk=row.pk)
    assert row.status == "READY" and row.finished_at is None
