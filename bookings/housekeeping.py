"""Jobs run by cron or the task worker: deleting old bookings, and the reminder the day before.

Dates are days in Asia/Tokyo (``home.agenda.today``).
"""

from datetime import timedelta

from django.conf import settings

from bookings import notifications
from bookings.models import Booking
from home.agenda import today
from worker.queue import tally


def purge(days=None):
    """Delete (not hide) every booking of a date more than ``days`` days before today (default
    ``BOOKING_RETENTION_DAYS``): a date exactly ``days`` days ago is kept one more day. Returns (deleted, first
    date kept)."""
    days = settings.BOOKING_RETENTION_DAYS if days is None else days
    first_kept = today() - timedelta(days=days)
    deleted, _by_model = Booking.objects.filter(session_date__date__lt=first_kept).delete()
    return deleted, first_kept


def due_reminders(day):
    return Booking.objects.filter(session_date__date=day, **notifications.reminder_conditions())


def send_reminders():
    """Queue the reminder of every confirmed family with an e-mail address whose date is tomorrow: one task per
    booking (its id only), which the task worker sends once (``reminded_at`` is claimed before the message goes
    out, so two runs at once, or a task run again, never send twice; a message that could not be sent is released
    and its task retried). Returns (sent, failed, queued): with the immediate backend they are sent at once."""
    language = settings.LANGUAGE_CODE
    ids = due_reminders(today() + timedelta(days=1)).values_list("pk", flat=True)
    return tally(notifications.send_reminder_task.enqueue(pk, language) for pk in list(ids))
