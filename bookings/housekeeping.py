"""Jobs run by cron or the task worker: deleting old bookings, and the reminder the day before.

Dates are days in Asia/Tokyo (``home.agenda.today``).
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from bookings import notifications
from bookings.models import Booking, BookingStatus
from home.agenda import today


def purge(days=None):
    """Delete (not hide) every booking of a date more than ``days`` days before today (default
    ``BOOKING_RETENTION_DAYS``): a date exactly ``days`` days ago is kept one more day. Returns (deleted, first
    date kept)."""
    days = settings.BOOKING_RETENTION_DAYS if days is None else days
    first_kept = today() - timedelta(days=days)
    deleted, _by_model = Booking.objects.filter(session_date__date__lt=first_kept).delete()
    return deleted, first_kept


def due_reminders(day):
    return Booking.objects.filter(
        status=BookingStatus.CONFIRMED,
        contact__contains="@",
        reminded_at__isnull=True,
        session_date__date=day,
        session_date__cancelled_at__isnull=True,
    ).select_related("session_date__page", "session_date__session")


def send_reminders():
    """E-mail every confirmed family with an e-mail address whose date is tomorrow, once. Returns how many.

    Each booking is claimed (``reminded_at`` set where it was empty) before its message goes out, so two runs at
    once never send twice; a message that could not be sent is released for the next run.
    """
    sent = 0
    for booking in due_reminders(today() + timedelta(days=1)):
        claimed = Booking.objects.filter(pk=booking.pk, reminded_at__isnull=True).update(reminded_at=timezone.now())
        if not claimed:
            continue
        if notifications.reminder(booking):
            sent += 1
        else:
            Booking.objects.filter(pk=booking.pk).update(reminded_at=None)
    return sent
