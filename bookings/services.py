"""Booking a place: what is bookable, and booking, cancelling and promoting under a lock.

Never overbooked: every change to a date's bookings happens in one transaction that first locks the date's row
(``SELECT … FOR UPDATE`` on PostgreSQL; on SQLite every transaction takes the write lock when it begins,
``transaction_mode = IMMEDIATE`` in settings), then counts and writes. So two families asking for the last place
are served one after the other: one gets it, the other waits (or is told it is full).

Views and the API call these functions and turn ``BookingRefused`` into a form error or a 400.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bookings import notifications
from bookings.models import Booking, BookingStatus
from home.hubs import hub_for_page
from home.models import ProgramPage, ProgramSession, SessionDate
from home.models.session_dates import parse_session_date_key, session_date_key


class BookingRefused(Exception):
    """A booking that cannot be made; ``field`` names the input at fault (``None``: the session itself)."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass
class BookableDate:
    """One date of a session families can book on the site (its row, if any, in ``row``)."""

    session: ProgramSession
    page: ProgramPage
    start: datetime
    end: datetime
    row: SessionDate | None = None
    confirmed: int = 0
    waitlisted: int = 0
    hub_closure: object = None  # its hub is closed that day (resources_directory.HubClosure): no booking

    @property
    def key(self):
        return session_date_key(self.session.pk, timezone.localtime(self.start).date())

    @property
    def capacity(self):
        return self.session.capacity

    @property
    def places_left(self):
        return max(0, self.capacity - self.confirmed)

    @property
    def waiting_places_left(self):
        return max(0, self.session.waitlist_size - self.waitlisted)

    @property
    def cancelled(self):
        return self.hub_closure is not None or (self.row is not None and self.row.cancelled)

    @property
    def full(self):
        return self.places_left == 0 and self.waiting_places_left == 0

    def is_open(self, now=None):
        """Within the booking window, not cancelled."""
        now = now or timezone.now()
        opens, closes = self.session.booking_window(self.start)
        return not self.cancelled and (opens is None or opens <= now) and now < closes

    @property
    def opens_at(self):
        return self.session.booking_window(self.start)[0]


def count_bookings(rows):
    """{row id: (confirmed, waitlisted)} in one query."""
    counted = (
        Booking.objects.filter(session_date__in=rows)
        .values("session_date")
        .annotate(
            confirmed=Count("pk", filter=Q(status=BookingStatus.CONFIRMED)),
            waitlisted=Count("pk", filter=Q(status=BookingStatus.WAITLISTED)),
        )
    )
    return {entry["session_date"]: (entry["confirmed"], entry["waitlisted"]) for entry in counted}


def find_bookable(key, hub_path=None):
    """The bookable date a key names (live, public program booked on this site; a date of the session), or None.

    ``hub_path``: the tree path of the hub the request came to; a date of another hub's program is not found.
    """
    parsed = parse_session_date_key(key)
    if parsed is None:
        return None
    session_id, day = parsed
    session = ProgramSession.objects.filter(pk=session_id, capacity__isnull=False).first()
    if session is None:
        return None
    pages = ProgramPage.objects.live().public().filter(pk=session.page_id, booking="site")
    if hub_path is not None:
        pages = pages.filter(path__startswith=hub_path)
    page = pages.first()
    times = session.occurrences(day, day) if page is not None else []
    if not times:
        return None
    start, end = times[0]
    bookable = BookableDate(session=session, page=page, start=start, end=end)
    bookable.hub_closure = hub_closure_on(page, day)
    bookable.row = SessionDate.objects.filter(session=session, date=day).first()
    if bookable.row is not None:
        bookable.confirmed, bookable.waitlisted = count_bookings([bookable.row]).get(bookable.row.pk, (0, 0))
    return bookable


def hub_closure_on(page, day):
    """The hub-wide closure of the page's hub on that day (「警報のため本日休館」), or ``None``."""
    from resources_directory.models import HubClosure

    hub = hub_for_page(page)
    if hub is None:
        return None
    return HubClosure.objects.filter(hub=hub, start_date__lte=day, end_date__gte=day).first()


def _locked_row(bookable):
    """The date's row (``bookable`` may be the row itself), made if needed, locked until the transaction ends."""
    known = bookable if isinstance(bookable, SessionDate) else getattr(bookable, "row", None)
    if known is not None and known.pk is not None:
        return SessionDate.objects.select_for_update().get(pk=known.pk)
    day = timezone.localtime(bookable.start).date()  # the day in Asia/Tokyo (a row's start comes back in UTC)
    defaults = {"page": bookable.page, "start": bookable.start, "end": bookable.end}
    try:
        with transaction.atomic():
            row, _created = SessionDate.objects.get_or_create(session=bookable.session, date=day, defaults=defaults)
    except IntegrityError:  # another booking made it first
        row = SessionDate.objects.get(session=bookable.session, date=day)
    return SessionDate.objects.select_for_update().get(pk=row.pk)


def _refresh_counts(bookable, row):
    bookable.row = row
    bookable.confirmed, bookable.waitlisted = count_bookings([row]).get(row.pk, (0, 0))
    # The editor may have changed the places since the session was read.
    places = ProgramSession.objects.filter(pk=bookable.session.pk).values("capacity", "waitlist_size").first()
    if places and places["capacity"] is not None:
        bookable.session.capacity, bookable.session.waitlist_size = places["capacity"], places["waitlist_size"]


def book(bookable, *, name, contact, child_age_months=None, adults=1, children=1, by_staff=False):
    """Confirm a place, or a place on the waiting list; raises ``BookingRefused``. Staff may book outside the
    window and the age rule (a phone call), never beyond the places and the waiting list."""
    if not by_staff:
        refusal = bookable.session.refuses_age(child_age_months)
        if refusal:
            raise BookingRefused(refusal, field="child_age_months")
        if not bookable.is_open():
            raise BookingRefused(_("Booking for this session is not open."))
    with transaction.atomic():
        row = _locked_row(bookable)
        if row.cancelled or bookable.hub_closure is not None:
            raise BookingRefused(_("This session has been cancelled."))
        _refresh_counts(bookable, row)
        if bookable.places_left:
            status = BookingStatus.CONFIRMED
        elif bookable.waiting_places_left:
            status = BookingStatus.WAITLISTED
        else:
            raise BookingRefused(_("This session is full."))
        booking = Booking.objects.create(
            session_date=row,
            status=status,
            name=name,
            contact=contact,
            child_age_months=child_age_months,
            adults=adults,
            children=children,
            taken_by_staff=by_staff,
        )
        if status == BookingStatus.CONFIRMED:
            bookable.confirmed += 1
        else:
            bookable.waitlisted += 1
        notifications.booked(booking)
    return booking


def _promote(row):
    """Move waiting families up while places are free (in the order they booked); returns them."""
    session = row.session
    capacity = session.capacity if session is not None else None
    if capacity is None:
        return []
    confirmed = row.bookings.filter(status=BookingStatus.CONFIRMED).count()
    free = capacity - confirmed
    promoted = list(row.bookings.filter(status=BookingStatus.WAITLISTED).order_by("created_at", "pk")[: max(0, free)])
    for booking in promoted:
        booking.status = BookingStatus.CONFIRMED
        booking.save(update_fields=["status", "status_changed_at"])
    return promoted


def cancel(booking):
    """The family cancels (or staff for them); the first waiting family moves up. False if already cancelled."""
    with transaction.atomic():
        row = SessionDate.objects.select_for_update().get(pk=booking.session_date_id)
        booking.refresh_from_db()
        if booking.status == BookingStatus.CANCELLED:
            return False
        booking.status = BookingStatus.CANCELLED
        booking.save(update_fields=["status", "status_changed_at"])
        promoted = [] if row.cancelled else _promote(row)
        notifications.cancelled(booking)
        for moved_up in promoted:
            notifications.promoted(moved_up)
    return True


def cancel_session_date(bookable, reason):
    """The hub calls off one date (of any program: ``bookable`` is anything with its session, page, start and
    end): every booked or waiting family is told; the page, agenda, API and calendars show it cancelled."""
    with transaction.atomic():
        row = _locked_row(bookable)
        if row.cancelled:
            return row, []
        row.cancelled_at = timezone.now()
        row.cancel_reason = reason
        row.sequence += 1
        row.save(update_fields=["cancelled_at", "cancel_reason", "sequence"])
        told = list(row.bookings.exclude(status=BookingStatus.CANCELLED))
        row.bookings.filter(pk__in=[booking.pk for booking in told]).update(
            status=BookingStatus.CANCELLED, status_changed_at=timezone.now()
        )
        for booking in told:
            booking.status = BookingStatus.CANCELLED
            notifications.session_cancelled(booking)
    bookable.row = row
    return row, told


def cancel_for_hub_closure(closure):
    """A hub closes for a day (a storm warning): its booked dates that day are called off with the closure's
    reason and every booked or waiting family is told. Dates nobody booked need nothing: the agenda, program
    pages and feeds already show them cancelled while the closure stands."""
    rows = SessionDate.objects.filter(
        page__path__startswith=closure.hub.site.root_page.path,
        date__gte=closure.start_date,
        date__lte=closure.end_date,
        cancelled_at__isnull=True,
        bookings__status__in=[BookingStatus.CONFIRMED, BookingStatus.WAITLISTED],
    ).distinct()
    return [cancel_session_date(row, closure.reason) for row in rows.select_related("page", "session")]
