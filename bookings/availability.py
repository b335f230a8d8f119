"""Places left on the dates a page shows: what the program page says next to each date (残り2席, 満員 …).

``attach_places(occurrences)`` gives each occurrence of a program booked on this site, whose session has places,
a ``bookable`` (``services.BookableDate``: places left, waiting list, window, its key for ``/book/<key>/``); the
others get ``None``. The counts of every date shown come from one query (none when nothing shown is bookable).
Only numbers: nothing about the families who booked.
"""

from django.utils import timezone

from bookings.services import BookableDate, count_bookings

# What a family can do on a date, as the program page and the booking page say it.
CANCELLED, NOT_OPEN_YET, CLOSED, OPEN, WAITING_LIST, FULL = (
    "cancelled",
    "not_open_yet",
    "closed",
    "open",
    "waiting",
    "full",
)


def booking_state(bookable, now=None):
    """One of the states above for a ``BookableDate``."""
    now = now or timezone.now()
    if bookable.cancelled:
        return CANCELLED
    if not bookable.is_open(now):
        opens = bookable.opens_at
        return NOT_OPEN_YET if opens is not None and now < opens else CLOSED
    if bookable.places_left:
        return OPEN
    return WAITING_LIST if bookable.waiting_places_left else FULL


def is_bookable(occurrence):
    page, session = occurrence.page, occurrence.session
    return (
        page is not None
        and page.booked_on_site
        and session.pk is not None  # a preview's unsaved session: nothing to book yet
        and session.capacity is not None
    )


def attach_places(occurrences):
    """Set ``occurrence.bookable`` (a ``BookableDate`` or ``None``) and ``occurrence.booking_state`` on each;
    returns the occurrences."""
    now = timezone.now()
    bookable = [occurrence for occurrence in occurrences if is_bookable(occurrence)]
    rows = [occurrence.session_date for occurrence in bookable if occurrence.session_date is not None]
    counts = count_bookings(rows) if rows else {}
    for occurrence in occurrences:
        occurrence.bookable, occurrence.booking_state = None, ""
    for occurrence in bookable:
        row = occurrence.session_date
        confirmed, waitlisted = counts.get(row.pk, (0, 0)) if row is not None else (0, 0)
        occurrence.bookable = BookableDate(
            session=occurrence.session,
            page=occurrence.page,
            start=occurrence.start,
            end=occurrence.end,
            row=row,
            confirmed=confirmed,
            waitlisted=waitlisted,
            hub_closure=occurrence.hub_closure,
        )
        occurrence.booking_state = booking_state(occurrence.bookable, now)
    return occurrences
