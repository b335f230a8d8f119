"""The e-mails a family gets about its booking (Django's mail; the console backend in development).

Only families who gave an e-mail address get them (a phone contact is called by the hub). Each message names the
program, the date and the place, and carries the family's status link (with its cancel button: no login); a
confirmed place comes with an iCalendar attachment. Sent after the booking's transaction commits. A failure is
logged with the booking's number only, never the family's name or address.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from home.agenda import Occurrence
from home.hubs import hub_for_page
from home.ical import build_calendar

logger = logging.getLogger(__name__)


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
    """Render ``bookings/email/<kind>.txt`` for the booking and send it; returns whether a message went out."""
    if not booking.has_email:
        return False
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
    try:
        message.send()
    except Exception:  # the booking stands; staff see the family in their list and can call
        logger.exception("booking %s: the %s e-mail could not be sent", booking.pk, kind)
        return False
    return True


def booked(booking):
    send(booking, booking.status, attach_calendar=booking.status == "confirmed")


def promoted(booking):
    send(booking, "promoted", attach_calendar=True)


def cancelled(booking):
    send(booking, "cancelled")


def session_cancelled(booking, row):
    send(booking, "session_cancelled", attach_calendar=True)


def reminder(booking, language=None):
    with translation.override(language or settings.LANGUAGE_CODE):
        return send(booking, "reminder", attach_calendar=True)
