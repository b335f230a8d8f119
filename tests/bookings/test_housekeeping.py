"""manage.py purge_bookings (retention) and send_booking_reminders (the day before)."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from bookings import services
from bookings.models import Booking, BookingStatus
from home.models import SessionDate
from tests.bookings.conftest import family


def run(command, *args):
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def booked(bookable, days_ahead, n=1, **fields):
    """A date ``days_ahead`` days from today (negative: in the past) with ``n`` bookings taken by staff."""
    date = bookable(days_ahead=days_ahead, **fields)
    for i in range(n):
        services.book(date, **family(f"{days_ahead}-{i}"), by_staff=True)
    return date


def left(date):
    return Booking.objects.filter(session_date__session=date.session).count()


@pytest.mark.django_db
def test_purge_deletes_bookings_past_the_retention_days_and_keeps_the_boundary(bookable, settings):
    settings.BOOKING_RETENTION_DAYS = 30
    old = booked(bookable, -31, n=2)
    at_limit = booked(bookable, -30)
    recent = booked(bookable, -1)
    coming = booked(bookable, 5)
    out = run("purge_bookings")
    assert "2" in out
    assert (left(old), left(at_limit), left(recent), left(coming)) == (0, 1, 1, 1)
    assert SessionDate.objects.count() == 4  # the dates stay (no personal data): calendars keep cancellations
    assert "0" in run("purge_bookings")  # idempotent
    assert left(at_limit) == 1


@pytest.mark.django_db
def test_purge_days_option_and_setting(bookable, settings):
    recent = booked(bookable, -3)
    run("purge_bookings", "--days", "3")
    assert left(recent) == 1
    run("purge_bookings", "--days", "2")
    assert left(recent) == 0
    settings.BOOKING_RETENTION_DAYS = 0
    yesterday = booked(bookable, -1)
    today_date = booked(bookable, 0)
    run("purge_bookings")
    assert (left(yesterday), left(today_date)) == (0, 1)
    with pytest.raises(CommandError):
        run("purge_bookings", "--days", "-1")


@pytest.mark.django_db
def test_reminders_go_once_to_confirmed_families_with_an_email_whose_date_is_tomorrow(
    bookable, django_capture_on_commit_callbacks
):
    tomorrow = bookable(days_ahead=1, capacity=2, waitlist_size=2)
    with django_capture_on_commit_callbacks(execute=True):
        services.book(tomorrow, **family(1))
        services.book(tomorrow, **family(2, contact="090-1234-5678"))  # a phone: the hub calls
        services.book(tomorrow, **family(3))  # waiting
        services.cancel(services.book(tomorrow, **family(4)))  # cancelled
        booked(bookable, 2)  # the day after tomorrow
        called_off = booked(bookable, 1)
        services.cancel_session_date(called_off, "台風のため")
    mail.outbox.clear()
    assert Booking.objects.get(name="家族 3").status == BookingStatus.WAITLISTED
    out = run("send_booking_reminders")
    assert [message.to for message in mail.outbox] == [["family1@example.jp"]]
    [message] = mail.outbox
    assert "沐浴体験" in message.subject and "BEGIN:VEVENT" in message.attachments[0][1]
    assert "1" in out
    assert Booking.objects.get(name="家族 1").reminded_at is not None
    mail.outbox.clear()
    run("send_booking_reminders")
    assert mail.outbox == []
