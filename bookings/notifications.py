"""The e-mails a family gets about its booking (Django's mail; the console backend in development).

Only families who gave an e-mail address get them (a phone contact is called by the hub). Each message names the
program, the date and the place, and carries the family's status link (with its cancel button: no login); a
confirmed place comes with an iCalendar attachment. Each is a background task queued with the booking's change
(ids and a language code only): the task worker sends it (or the web process after commit, with the immediate
backend), once — a marker is written before the message goes out. A failure is logged, and stored on the failed
task, with the booking's number and the error's class only, never the family's name or address (docs/tasks.md).
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from bookings.models import Booking, BookingMessage, BookingStatus
from home.agenda import Occurrence, today
from home.hubs import hub_for_page
from home.ical import build_calendar
from worker.queue import background_task, enqueue_after_commit

logger = logging.getLogger(__name__)
KINDS = ("confirmed", "waitlisted", "promoted", "cancelled", "session_cancelled")
WITH_CALENDAR = {"confirmed", "promoted", "session_cancelled", "reminder"}


def absolute_url(page, path):
    site = page.get_site()
    return f"{site.root_url}{path}" if site else path


def status_url(booking):
    return absolute_url(booking.session_date.page, reverse("bookings:status", args=[booking.token]))


def _calendar(booking):
    row = booking.session_date
    if row.session is None:
        return None
    start, end = timezone.localtime(row.start), timezone.localtime(row.end)  # the UID names the day in Tokyo
    occurrence = Occurrence(session=row.session, start=start, end=end, title=row.page.title)
    occurrence.page, occurrence.session_date, occurrence.hub = row.page, row, hub_for_page(row.page)
    return build_calendar([occurrence], name=row.page.title)


def send(booking, kind, attach_calendar=False):
    """Render ``bookings/email/<kind>.txt`` for the booking and send it; raises when it cannot be sent."""
    row = booking.session_date
    context = {
        "booking": booking,
        "page": row.page,
        "session_date": row,
        "start": timezone.localtime(row.start),
        "end": timezone.localtime(row.end),
        "hub": hub_for_page(row.page),
        "status_url": status_url(booking),
    }
    subject = " ".join(render_to_string(f"bookings/email/{kind}_subject.txt", context).split())
    message = EmailMessage(
        subject=subject,
        body=render_to_string(f"bookings/email/{kind}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[booking.contact],
    )
    calendar = _calendar(booking) if attach_calendar else None
    if calendar:
        message.attach("session.ics", calendar, "text/calendar; charset=utf-8")
    message.send()


def send_once(booking, kind, claim, release, language):
    """Claim the message (a marker written first: a task run again never sends twice), send it, and release the
    claim if it could not be sent (the task fails and is retried). Returns whether a message went out."""
    if not booking.has_email or not claim():
        return False
    try:
        with translation.override(language or settings.LANGUAGE_CODE):
            send(booking, kind, attach_calendar=kind in WITH_CALENDAR)
    except Exception as error:  # the booking stands; staff see the family in their list and can call
        release()
        logger.error("booking %s: the %s e-mail could not be sent (%s)", booking.pk, kind, type(error).__name__)
        raise
    return True


def _booking(booking_id, **filters):
    related = ("session_date__page", "session_date__session")
    return Booking.objects.select_related(*related).filter(pk=booking_id, **filters).first()


@background_task()
def send_email_task(booking_id, kind, language=None):
    """The e-mail ``kind`` for the booking, once (``BookingMessage`` marks it)."""
    if kind not in KINDS:
        raise ValueError(kind)
    booking = _booking(booking_id)
    if booking is None:  # deleted meanwhile
        return False
    messages = BookingMessage.objects.filter(booking=booking, kind=kind)

    def claim():
        with transaction.atomic():
            return BookingMessage.objects.get_or_create(booking=booking, kind=kind)[1]

    return send_once(booking, kind, claim, messages.delete, language)


@background_task()
def send_reminder_task(booking_id, language=None):
    """The reminder before a confirmed booking's date, once (``reminded_at`` marks it); nothing if the booking
    was cancelled, its date called off or passed meanwhile."""
    booking = _booking(booking_id, **reminder_conditions(), session_date__date__gte=today())
    if booking is None:
        return False
    unsent = Booking.objects.filter(pk=booking.pk, reminded_at__isnull=True)

    def claim():
        return bool(unsent.update(reminded_at=timezone.now()))

    def release():
        Booking.objects.filter(pk=booking.pk).update(reminded_at=None)

    return send_once(booking, "reminder", claim, release, language)


def reminder_conditions():
    return {
        "status": BookingStatus.CONFIRMED,
        "contact__contains": "@",
        "reminded_at__isnull": True,
        "session_date__cancelled_at__isnull": True,
    }


def tell(booking, kind):
    """Queue the e-mail with the change it follows (sent once the change is committed), in today's language."""
    if booking.has_email:
        enqueue_after_commit(send_email_task, booking.pk, kind, translation.get_language())


def booked(booking):
    tell(booking, booking.status)


def promoted(booking):
    tell(booking, "promoted")


def cancelled(booking):
    tell(booking, "cancelled")


def session_cancelled(booking):
    tell(booking, "session_cancelled")
