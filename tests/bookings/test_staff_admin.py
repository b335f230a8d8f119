"""The staff's booking admin on one hub: the list of dates, one date's families, and what staff do there."""

import csv
import io
from datetime import time, timedelta

import pytest
from django.core import mail
from wagtail.models import PageLogEntry

from bookings import services
from bookings.models import Booking, BookingStatus
from home.agenda import today
from home.models import BookingMethod, SessionDate
from tests.bookings.conftest import family
from tests.home.programs.conftest import add_program

INDEX = "/admin/bookings/"
PHONE = {
    "phone-name": "電話 太郎",
    "phone-contact": "045-123-4567",
    "phone-child_age_months": "expecting",
    "phone-adults": "1",
    "phone-children": "0",
}


def url(date, tail=""):
    return f"{INDEX}{date.key}/{tail}"


@pytest.fixture
def editor(client_for):
    return client_for("editor")


@pytest.fixture
def full_date(bookable):
    """Two places, both taken, and two families waiting (in that order)."""
    date = bookable(capacity=2, waitlist_size=2)
    for n in range(4):
        services.book(date, **family(n, child_age_months=None if n == 1 else 13))
    return services.find_bookable(date.key)


def names(date, status):
    return list(
        Booking.objects.filter(session_date__session=date.session, status=status).values_list("name", flat=True)
    )


def test_the_list_shows_coming_and_past_dates_with_places_waiting_and_cancelled(
    full_date, bookable, programs_index, editor
):
    never_booked = add_program(
        programs_index,
        sessions=({"date": today() + timedelta(days=3), "start_time": time(13), "end_time": time(14), "capacity": 8},),
        title="ベビーマッサージ",
        booking=BookingMethod.SITE,
    )
    past = bookable(days_ahead=-3)
    services.book(past, **family(9), by_staff=True)
    called_off = bookable(days_ahead=12)
    services.cancel_session_date(called_off, "台風のため")
    response = editor.get(INDEX)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    body = response.content.decode()
    coming, past_part = body.split('id="bookings-past"')
    assert f'href="{url(full_date)}"' in coming and "2 / 2" in coming
    assert "ベビーマッサージ" in coming and "0 / 8" in coming  # no SessionDate row yet
    assert never_booked.sessions.get().dates.count() == 0
    assert f'href="{url(past)}"' in past_part and f'href="{url(past)}"' not in coming
    assert "bookings-cancelled" in coming and "中止" in coming
    assert "家族" not in body  # the list names no family


def test_the_list_costs_the_same_queries_for_many_programs(bookable, editor, django_assert_max_num_queries):
    services.book(bookable(days_ahead=2), **family(1))
    editor.get(INDEX)  # warm the session and the menu's caches
    with django_assert_max_num_queries(30) as few:
        editor.get(INDEX)
    for days in range(3, 23):
        services.book(bookable(days_ahead=days), **family(days), by_staff=True)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = editor.get(INDEX)
    assert response.content.decode().count('href="/admin/bookings/') >= 21


def test_one_date_lists_confirmed_waiting_in_order_and_cancelled(full_date, editor):
    services.cancel(Booking.objects.get(name="家族 0"))  # 家族 2 moves up
    response = editor.get(url(full_date))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    confirmed, rest = body.split('id="waiting-heading"')
    waiting, cancelled = rest.split('id="cancelled-heading"')
    assert "家族 1" in confirmed and "家族 2" in confirmed and "妊娠中" in confirmed
    assert "family1@example.jp" in confirmed
    assert "家族 3" in waiting and "家族 0" in cancelled and "家族 0" not in confirmed


def test_attendance_is_saved_by_one_plain_form(full_date, editor):
    first, second = Booking.objects.filter(status=BookingStatus.CONFIRMED)
    response = editor.post(url(full_date, "attendance/"), {"attended": [first.pk]})
    assert response.status_code == 302
    assert list(Booking.objects.filter(attended=True)) == [first]
    editor.post(url(full_date, "attendance/"), {"attended": [second.pk]})
    assert list(Booking.objects.filter(attended=True)) == [second]
    waiting = Booking.objects.filter(status=BookingStatus.WAITLISTED).first()
    refused = editor.post(url(full_date, "attendance/"), {"attended": [waiting.pk, "junk"]})
    assert refused.status_code == 400
    assert list(Booking.objects.filter(attended=True)) == [second]


def test_staff_cancel_one_booking_and_the_first_waiting_family_moves_up(
    full_date, editor, django_capture_on_commit_callbacks
):
    booking = Booking.objects.get(name="家族 0")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(url(full_date, f"bookings/{booking.pk}/cancel/"), follow=True)
    assert response.status_code == 200
    assert names(full_date, BookingStatus.CANCELLED) == ["家族 0"]
    assert names(full_date, BookingStatus.WAITLISTED) == ["家族 3"]
    assert sorted(message.to[0] for message in mail.outbox) == ["family0@example.jp", "family2@example.jp"]
    assert editor.post(url(full_date, "bookings/999999/cancel/")).status_code == 404
    assert editor.get(url(full_date, f"bookings/{booking.pk}/cancel/")).status_code == 405


def test_a_booking_taken_by_phone(bookable, editor, django_capture_on_commit_callbacks):
    date = bookable(capacity=1, waitlist_size=1, expecting_may_book=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(url(date, "add/"), PHONE)
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert (booking.name, booking.contact, booking.child_age_months) == ("電話 太郎", "0451234567", None)
    assert booking.taken_by_staff and booking.status == BookingStatus.CONFIRMED
    assert mail.outbox == []  # a phone contact is called, not e-mailed
    second = editor.post(url(date, "add/"), {**PHONE, "phone-name": "電話 次郎"})
    assert Booking.objects.get(name="電話 次郎").status == BookingStatus.WAITLISTED
    full = editor.post(url(date, "add/"), {**PHONE, "phone-name": "電話 三郎"})
    assert second.status_code == 302 and full.status_code == 400
    assert "満員" in full.content.decode()


def test_a_bad_phone_booking_shows_its_errors_on_the_fields(bookable, editor):
    date = bookable()
    response = editor.post(url(date, "add/"), {"phone-name": " ", "phone-contact": "abc", "phone-adults": "9"})
    assert response.status_code == 400
    form = response.context["phone_form"]
    assert set(form.errors) >= {"name", "contact", "child_age_months", "adults"}
    assert Booking.objects.count() == 0


def test_a_date_that_has_ended_takes_no_booking_and_cannot_be_cancelled(bookable, editor):
    past = bookable(days_ahead=-2)
    response = editor.post(url(past, "add/"), PHONE)
    assert response.status_code == 400 and "受け付けていません" in response.content.decode()
    assert editor.post(url(past, "cancel/"), {"reason": "台風のため"}).status_code == 302
    assert Booking.objects.count() == 0 and not SessionDate.objects.filter(cancelled_at__isnull=False).exists()
    page = editor.get(url(past)).content.decode()
    assert url(past, "add/") not in page and url(past, "cancel/") not in page


def test_bookings_stay_in_sight_when_the_program_is_unpublished_or_the_session_removed(full_date, bookable, editor):
    full_date.page.unpublish()
    assert f'href="{url(full_date)}"' in editor.get(INDEX).content.decode()
    assert "家族 3" in editor.get(url(full_date)).content.decode()
    removed = bookable(days_ahead=4)
    services.book(removed, **family(7))
    row = SessionDate.objects.get(session=removed.session)
    removed.session.delete()
    assert f'href="{INDEX}row-{row.pk}/"' in editor.get(INDEX).content.decode()
    page = editor.get(f"{INDEX}row-{row.pk}/")
    assert page.status_code == 200 and "家族 7" in page.content.decode()
    assert f"{INDEX}row-{row.pk}/add/" not in page.content.decode()  # no session: no more bookings
    assert "家族 7" in editor.get(f"{INDEX}row-{row.pk}/export.csv").content.decode("utf-8-sig")


def test_unknown_and_malformed_dates_answer_404(bookable, editor):
    date = bookable()
    day_before = f"{date.session.pk}-{date.start.date() - timedelta(days=1):%Y%m%d}"
    for key in (day_before, "junk", "999999-20260101", "row-999", "row-x", f"{date.session.pk}-20261340"):
        assert editor.get(f"{INDEX}{key}/").status_code == 404, key
        assert editor.post(f"{INDEX}{key}/add/", PHONE).status_code == 404, key


def test_cancel_the_date_asks_for_a_reason_then_tells_every_family(
    full_date, editor, django_capture_on_commit_callbacks
):
    confirm = editor.get(url(full_date, "cancel/"))
    assert confirm.status_code == 200 and "4" in confirm.content.decode()
    assert editor.post(url(full_date, "cancel/"), {"reason": "  "}).status_code == 400
    assert editor.post(url(full_date, "cancel/"), {"reason": "あ" * 101}).status_code == 400
    assert not SessionDate.objects.get().cancelled
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(url(full_date, "cancel/"), {"reason": "台風のため"})
    assert response.status_code == 302
    row = SessionDate.objects.get()
    assert (row.cancelled, row.cancel_reason, row.sequence) == (True, "台風のため", 1)
    assert len(mail.outbox) == 4 and all("台風のため" in message.body for message in mail.outbox)
    assert set(Booking.objects.values_list("status", flat=True)) == {BookingStatus.CANCELLED}
    page = editor.get(url(full_date)).content.decode()
    assert "台風のため" in page and url(full_date, "cancel/") not in page and url(full_date, "add/") not in page
    again = editor.get(url(full_date, "cancel/"))
    assert again.status_code == 302  # nothing left to cancel


def test_csv_export_has_a_bom_one_row_per_booking_and_names_hub_and_program(full_date, editor):
    response = editor.get(url(full_date, "export.csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and "bookings-konan-" in disposition
    assert full_date.page.slug in disposition or "filename*" in disposition
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][1:3] == ["名前", "メールアドレスまたは電話番号"]
    assert [row[1] for row in rows[1:]] == ["家族 0", "家族 1", "家族 2", "家族 3"]
    assert rows[2][3] == "妊娠中" and rows[1][3].startswith("1歳")


def test_history_records_every_action_without_personal_data(full_date, editor):
    booking = Booking.objects.get(name="家族 0")
    editor.post(url(full_date, "attendance/"), {"attended": [booking.pk]})
    editor.post(url(full_date, f"bookings/{booking.pk}/cancel/"))
    editor.post(url(full_date, "add/"), PHONE)
    editor.get(url(full_date, "export.csv"))
    editor.post(url(full_date, "cancel/"), {"reason": "講師の都合"})
    entries = PageLogEntry.objects.filter(page=full_date.page, action__startswith="bookings.")
    assert sorted(entries.values_list("action", flat=True)) == sorted(
        ["bookings.attendance", "bookings.cancel", "bookings.add_by_phone", "bookings.export", "bookings.cancel_date"]
    )
    stored = " ".join(f"{entry.data} {entry.label} {entry.message}" for entry in entries)
    for personal in ("家族 ", "family", "電話 太郎", "0451234567", "@example.jp"):
        assert personal not in stored
    history = editor.get(f"/admin/pages/{full_date.page.pk}/history/").content.decode()
    assert "中止" in history and "家族 " not in history and "電話 太郎" not in history
