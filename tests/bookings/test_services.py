"""Booking rules: places, the waiting list and its order, cancelling, and what each family is told by e-mail."""

import pytest
from django.core import mail

from bookings import services
from bookings.models import Booking, BookingStatus
from home.models import SessionDate
from tests.bookings.conftest import family

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def statuses(bookable):
    return list(Booking.objects.filter(session_date__session=bookable.session).values_list("name", "status"))


def test_places_then_waiting_list_then_full(bookable):
    date = bookable(capacity=2, waitlist_size=1)
    made = [services.book(date, **family(n)) for n in range(3)]
    assert [booking.status for booking in made] == ["confirmed", "confirmed", "waitlisted"]
    with pytest.raises(services.BookingRefused) as refused:
        services.book(date, **family(4))
    assert str(refused.value.message) == "この回は満員です。"  # "This session is full.", as families read it
    assert Booking.objects.count() == 3
    again = services.find_bookable(date.key)
    assert (again.places_left, again.waiting_places_left, again.full) == (0, 0, True)


def test_cancelling_moves_the_first_waiting_family_up_and_tells_them(bookable):
    date = bookable(capacity=1, waitlist_size=2)
    first = services.book(date, **family(1))
    second = services.book(date, **family(2))
    third = services.book(date, **family(3))
    mail.outbox.clear()

    assert services.cancel(first) is True
    assert services.cancel(first) is False  # twice is once
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.status, third.status) == (BookingStatus.CONFIRMED, BookingStatus.WAITLISTED)
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == ["family1@example.jp", "family2@example.jp"]
    promoted = next(message for message in mail.outbox if message.to == ["family2@example.jp"])
    assert promoted.attachments and b"BEGIN:VEVENT" in promoted.attachments[0][1].encode()


def test_confirmation_mail_has_the_details_a_calendar_and_the_status_link(bookable):
    date = bookable()
    booking = services.book(date, **family(1))
    [message] = mail.outbox
    assert message.to == ["family1@example.jp"]
    assert "沐浴体験" in message.subject
    assert "家族 1" in message.body
    assert f"/booking/{booking.token}/" in message.body
    name, content, mimetype = message.attachments[0]
    assert mimetype.startswith("text/calendar")
    assert "SUMMARY:沐浴体験" in content and "STATUS:CANCELLED" not in content


def test_a_phone_contact_gets_no_mail(bookable):
    services.book(bookable(), **family(1, contact="0451234567"))
    assert mail.outbox == []


def test_age_rules_refuse_who_may_not_book_but_staff_may_add_them(bookable):
    date = bookable(expecting_may_book=False, min_age_months=2, max_age_months=6)
    for age in (None, 1, 7):
        with pytest.raises(services.BookingRefused) as refused:
            services.book(date, **family(1, child_age_months=age))
        assert refused.value.field == "child_age_months"
    assert services.book(date, **family(2, child_age_months=6)).status == "confirmed"
    assert services.book(date, **family(3, child_age_months=None), by_staff=True).status == "confirmed"


def test_booking_window(bookable):
    not_yet = bookable(days_ahead=20, booking_opens_days=10)
    with pytest.raises(services.BookingRefused):
        services.book(not_yet, **family(1))
    closed = bookable(days_ahead=1, booking_closes_hours=48)
    with pytest.raises(services.BookingRefused):
        services.book(closed, **family(2))
    assert services.book(closed, **family(3), by_staff=True).status == "confirmed"


def test_cancelling_the_date_cancels_every_booking_and_tells_each_family(bookable):
    date = bookable(capacity=1, waitlist_size=1)
    services.book(date, **family(1))
    services.book(date, **family(2))
    mail.outbox.clear()
    row, told = services.cancel_session_date(date, "台風のため")
    assert (row.cancelled, row.cancel_reason, row.sequence) == (True, "台風のため", 1)
    assert {booking.status for booking in Booking.objects.all()} == {"cancelled"}
    assert len(mail.outbox) == 2 and all("台風のため" in message.body for message in mail.outbox)
    assert "STATUS:CANCELLED" in mail.outbox[0].attachments[0][1]
    with pytest.raises(services.BookingRefused):
        services.book(services.find_bookable(date.key), **family(3))


def test_only_live_programs_booked_on_this_site_and_real_dates_are_bookable(bookable):
    date = bookable()
    assert services.find_bookable(date.key) is not None
    wrong_day = f"{date.session.pk}-{date.start.date().replace(day=1 if date.start.day != 1 else 2):%Y%m%d}"
    assert services.find_bookable(wrong_day) is None
    for junk in ("", "x-20261201", f"{date.session.pk}-2026-12-01", "9" * 40 + "-20261201", f"{date.session.pk}"):
        assert services.find_bookable(junk) is None
    date.page.unpublish()
    assert services.find_bookable(date.key) is None


def test_an_early_session_keeps_its_tokyo_day_in_rows_links_and_calendars(bookable):
    """08:30 in Tokyo is the day before in UTC: the date's row, key and iCal UID still name the Tokyo day."""
    from datetime import time

    date = bookable(start_time=time(8, 30), end_time=time(9, 30))
    booking = services.book(date, **family(1))
    row = booking.session_date
    assert row.date == date.start.date() and row.key == date.key
    services.cancel_session_date(services.find_bookable(date.key), "雪のため")
    assert SessionDate.objects.count() == 1  # the same row, not a second one a UTC day earlier
    uid = f"UID:program-session-{date.session.pk}-{date.start:%Y%m%d}@kosodate-hub"
    assert uid in mail.outbox[-1].attachments[0][1].replace("\r\n ", "")
