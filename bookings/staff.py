"""What a hub's staff see of its bookings: the hubs they keep, the dates of their programs, one date's families.

A hub's bookings are kept by its Editors and Managers: the groups of that hub holding the booking permission
(``home.permissions.BOOKING_PERMISSIONS``). Superusers keep every hub's. A date of another hub's program is not
found (``None``), so the admin answers 404 as if it did not exist; a user who keeps no hub's bookings at all is
refused (403) by the views.

The dates listed are the coming ones (and the last ``PAST_DAYS``) of programs booked on this site (or of every
program, to call a date off), whether or not a ``SessionDate`` row exists yet; rows of dates no longer expanded
(an unpublished program, a changed session) are listed too, so no booking is ever out of sight. A constant number
of queries whatever the number of hubs, programs and dates.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from bookings.models import Booking, BookingStatus
from bookings.services import BookableDate, count_bookings
from home.agenda import attach_pages, find_occurrences, today
from home.hub_admin import hub_pages_q
from home.hub_scope import hub_finder
from home.hubs import all_hubs
from home.models import ProgramPage, ProgramSession, SessionDate
from home.models.programs import BookingMethod
from home.models.session_dates import parse_session_date_key

PAST_DAYS = 30
COMING_DAYS = 120
# The key of a date whose session an editor removed (its row keeps the bookings): "row-<row id>".
ORPHAN_PREFIX = "row-"


def _holds(prefix, user, codename):
    return Q(
        **{
            f"{prefix}__user": user,
            f"{prefix}__permissions__content_type__app_label": "bookings",
            f"{prefix}__permissions__codename": codename,
        }
    )


def booking_hubs(user, action="view"):
    """The hubs whose bookings the user may ``action`` (view, change, add): every hub for a superuser, else the
    hubs in whose Editors or Managers group the user is, when that group holds the right."""
    if not (user.is_authenticated and user.is_active):
        return all_hubs().none()
    if user.is_superuser:
        return all_hubs()
    codename = f"{action}_booking"
    return all_hubs().filter(_holds("editors", user, codename) | _holds("managers", user, codename)).distinct()


def timing(source):
    """The session, page, start and end of an occurrence, a ``SessionDate`` row or a ``StaffDate``."""
    return {name: getattr(source, name) for name in ("session", "page", "start", "end")}


@dataclass
class StaffDate:
    """One dated session as staff see it (``bookable`` is ``None`` when its session was removed)."""

    page: ProgramPage
    start: datetime
    end: datetime
    key: str
    hub: object = None
    row: SessionDate | None = None
    session: ProgramSession | None = None
    confirmed: int = 0
    waitlisted: int = 0
    bookings: list = field(default_factory=list)

    @property
    def capacity(self):
        return self.session.capacity if self.session is not None else None

    @property
    def cancelled(self):
        return self.row is not None and self.row.cancelled

    @property
    def ended(self):
        return self.end <= timezone.now()

    @property
    def booked_here(self):
        return self.session is not None and self.session.capacity is not None and self.page.booked_on_site

    @property
    def bookable(self):
        if not self.booked_here:
            return None
        return BookableDate(**timing(self), row=self.row, confirmed=self.confirmed, waitlisted=self.waitlisted)

    def with_status(self, status):
        return [booking for booking in self.bookings if booking.status == status]


def _window():
    first = today() - timedelta(days=PAST_DAYS)
    return first, today() + timedelta(days=COMING_DAYS)


def list_dates(hubs, every_program=False):
    """Every date of the hubs' programs booked on this site in the window (``every_program``: of all their
    programs, to call one off), oldest first (six queries)."""
    hubs = list(hubs)
    if not hubs:
        return []
    first, last = _window()
    if every_program:
        found = find_occurrences(first, last, hubs=hubs)
    else:
        found = [o for o in find_occurrences(first, last, booking_required=True, hubs=hubs) if o.session.capacity]
    attach_pages(found)
    dates = {}
    for occurrence in found:
        if not every_program and occurrence.page.booking != BookingMethod.SITE:
            continue
        dates[occurrence.key] = StaffDate(
            **timing(occurrence), key=occurrence.key, hub=occurrence.hub, row=occurrence.session_date
        )
    # Rows no longer expanded (program unpublished, session changed or removed) keep their bookings in sight.
    rows = SessionDate.objects.filter(hub_pages_q(hubs, "page__path"), date__gte=first, date__lte=last)
    hub_of = hub_finder(hubs)
    for row in rows.exclude(pk__in=[d.row.pk for d in dates.values() if d.row]).select_related("page", "session"):
        key = row.key if row.session_id else f"{ORPHAN_PREFIX}{row.pk}"
        dates.setdefault(key, StaffDate(**timing(row), key=key, hub=hub_of(row.page.path), row=row))
    counts = count_bookings([d.row for d in dates.values() if d.row])
    for date in dates.values():
        if date.row is not None:
            date.confirmed, date.waitlisted = counts.get(date.row.pk, (0, 0))
    return sorted(dates.values(), key=lambda date: (date.start, date.page.title, date.key))


def find_date(hubs, key):
    """One date of the hubs' programs (booked on this site or not), with its bookings in booking order, or
    ``None`` (bad key, another hub's date, not a date of the session)."""
    hubs = list(hubs)
    parsed = parse_session_date_key(key)
    row_id = key[len(ORPHAN_PREFIX) :] if key.startswith(ORPHAN_PREFIX) else ""
    if not hubs or (parsed is None and not (row_id.isascii() and row_id.isdigit() and len(row_id) <= 18)):
        return None
    in_hubs = hub_pages_q(hubs, "page__path")
    rows = SessionDate.objects.filter(in_hubs).select_related("page", "session")
    if parsed is None:
        row = rows.filter(pk=int(row_id), session__isnull=True).first()
    else:
        session_id, day = parsed
        row = rows.filter(session_id=session_id, date=day).first()
    if row is not None:
        date = StaffDate(**timing(row), key=key, row=row)
    elif parsed is None:
        return None
    else:
        session = ProgramSession.objects.filter(in_hubs, pk=session_id).select_related("page").first()
        times = session.occurrences(day, day) if session is not None else []
        if not times:
            return None
        (start, end), page = times[0], ProgramPage.objects.get(pk=session.page_id)
        date = StaffDate(page=page, start=start, end=end, key=key, session=session)
    date.hub = hub_finder(hubs)(date.page.path)
    if date.row is not None:
        date.bookings = list(date.row.bookings.order_by("created_at", "pk"))
        date.confirmed = len(date.with_status(BookingStatus.CONFIRMED))
        date.waitlisted = len(date.with_status(BookingStatus.WAITLISTED))
    return date


def booking_of(date, booking_id):
    """A booking of this date, or ``None``."""
    if date.row is None or not str(booking_id).isdigit():
        return None
    return Booking.objects.filter(session_date=date.row, pk=int(booking_id)).first()
