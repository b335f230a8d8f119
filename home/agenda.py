"""Upcoming program sessions across all live, public programs — the public contract other apps use.

    upcoming_occurrences(start, end, life_stages=None, business_areas=None, areas=None, booking_required=None,
                         hubs=None, weekdays=None)

* ``start`` / ``end``: ``datetime.date`` (whole days, both inclusive, Asia/Tokyo) or aware ``datetime``
  (occurrences that *start* in ``[start, end)``). Naive datetimes are taken as Asia/Tokyo.
* ``life_stages``: iterable of ``home.life_stages.LifeStage`` values; a program matches if it targets any.
* ``business_areas``: iterable of ``home.business_areas.BusinessArea`` values.
* ``areas``: iterable of area names, exact match on ``ProgramPage.area_name`` (e.g. "上大岡") or on the area of the
  program's venue in the directory.
* ``booking_required``: ``True`` (phone or web form), ``False`` (no booking / first come) or ``None`` (both).
* ``hubs``: ``HubSettings`` (with ``site__root_page`` loaded, as ``home.hubs.all_hubs`` gives them): only
  programs below these hubs' home pages, and each occurrence's ``.hub`` is the one it belongs to. ``None``: every
  live program, ``.hub`` is ``None``.
* ``None`` or an empty iterable means "no filter" (except ``hubs=[]``: no hub, no programs).

* ``weekdays``: weekday numbers (0 = Monday) the occurrence starts on.

Returns a list of :class:`Occurrence` (``.page`` the specific ProgramPage, ``.session``, ``.start`` and
``.end`` aware datetimes in Asia/Tokyo, ``.title``, ``.uid``, ``.hub``, ``.cancelled`` / ``.cancel_reason``
from its ``SessionDate`` row) sorted by start, then title.
A constant number of SQL queries (five: view restrictions, sessions with their pages' title, path and life
stages, the pages, the hubs' closures, then the dates' rows) whatever the number of programs, sessions and hubs.
An occurrence on a day its hub is closed (``resources_directory.HubClosure``) is ``.cancelled`` with the closure's
reason as ``.cancel_reason``, and its iCal SEQUENCE is one more than its row's.

``find_occurrences`` (same arguments) stops before the third query: its occurrences have no ``.page`` yet, so a
caller that shows a slice (a page of the agenda, a calendar cell) loads the pages of that slice only with
``attach_pages``: the work grows with what is shown, not with every hub's programs.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import F, Q

from home.hub_scope import below, hub_finder
from home.models.session_dates import session_date_key
from home.recurrence import MAX_RULE_DAYS, TOKYO

# The widest window one call may expand (protects the server from ?date_to=9999-12-31).
MAX_WINDOW_DAYS = 400


@dataclass
class Occurrence:
    session: object
    start: datetime
    end: datetime
    title: str
    hub: object = None
    page: object = None  # the specific ProgramPage, once ``attach_pages`` has loaded it
    session_date: object = None  # its ``SessionDate`` row (cancellation, bookings), once ``attach_dates`` has run
    hub_closure: object = None  # the hub-wide closure (resources_directory.HubClosure) of its day, if any

    @property
    def key(self):
        """The date's name in booking links and the API (``home.models.session_dates``)."""
        return session_date_key(self.session.pk, self.start.date())

    @property
    def cancelled(self):
        """Called off on its own (its ``SessionDate``), or because the hub is closed that day."""
        return self.hub_closure is not None or (self.session_date is not None and self.session_date.cancelled)

    @property
    def cancel_reason(self):
        if self.session_date is not None and self.session_date.cancelled:
            return self.session_date.cancel_reason
        return self.hub_closure.reason if self.hub_closure is not None else ""

    @property
    def sequence(self):
        """iCal SEQUENCE: the row's, one more when a hub closure cancels it (subscribed calendars update)."""
        sequence = self.session_date.sequence if self.session_date is not None else 0
        own = self.session_date is not None and self.session_date.cancelled
        return sequence + 1 if self.hub_closure is not None and not own else sequence

    @property
    def uid(self):
        """Stable across regenerations: the session's id and the occurrence's date."""
        return f"program-session-{self.session.pk}-{self.start:%Y%m%d}@kosodate-hub"

    @property
    def day(self):
        return self.start.date()


def _bounds(start, end):
    """Date window to expand and the datetime filter [low, high)."""
    if isinstance(start, datetime):
        low = start if start.tzinfo else start.replace(tzinfo=TOKYO)
    else:
        low = datetime.combine(start, datetime.min.time(), tzinfo=TOKYO)
    if isinstance(end, datetime):
        high = end if end.tzinfo else end.replace(tzinfo=TOKYO)
    else:
        high = datetime.combine(end + timedelta(days=1), datetime.min.time(), tzinfo=TOKYO)
    first_day = low.astimezone(TOKYO).date()
    last_day = high.astimezone(TOKYO).date()
    return first_day, last_day, low, high


def _sessions(first_day, last_day, business_areas, areas, booking_required, hub_paths=None):
    from home.models import ProgramPage, ProgramSession
    from home.models.programs import BOOKING_REQUIRED

    # The Japanese originals: a translation shares its program's sessions (docs/languages.md).
    live_pages = ProgramPage.objects.live().public().filter(locale__language_code=settings.LANGUAGE_CODE)
    if hub_paths is not None:
        live_pages = live_pages.filter(below(hub_paths))
    sessions = ProgramSession.objects.filter(
        page__in=live_pages.values("pk"),
        date__lte=last_day,
    ).filter(Q(frequency="once", date__gte=first_day) | (~Q(frequency="once") & Q(until__gte=first_day)))
    sessions = sessions.filter(date__gte=first_day - timedelta(days=MAX_RULE_DAYS + 1))
    if business_areas:
        sessions = sessions.filter(page__business_area__in=list(business_areas))
    if areas:
        areas = list(areas)
        sessions = sessions.filter(Q(page__area_name__in=areas) | Q(page__venue__area__name__in=areas))
    if booking_required is True:
        sessions = sessions.filter(page__booking__in=BOOKING_REQUIRED)
    elif booking_required is False:
        sessions = sessions.exclude(page__booking__in=BOOKING_REQUIRED)
    # The page's few fields the expansion needs, not the page: pages are loaded for the occurrences shown only.
    fields = {"page_title": F("page__title"), "page_path": F("page__path"), "page_stages": F("page__life_stages")}
    return sessions.annotate(**fields).order_by()  # occurrences are sorted by time, not by session


def occurrences_for_sessions(sessions, first_day, last_day, low, high, life_stages=None, hubs=None, weekdays=None):
    """Occurrences (without their pages) of sessions carrying ``page_title``, ``page_path`` and ``page_stages``."""
    wanted = set(life_stages or ())
    page_hubs = {}
    hub_of = hub_finder(hubs or ())
    found = []
    for session in sessions:
        if wanted and not wanted.intersection(session.page_stages or ()):
            continue
        if session.page_id not in page_hubs:
            page_hubs[session.page_id] = hub_of(session.page_path)
        hub = page_hubs[session.page_id]
        for start, end in session.occurrences(first_day, last_day):
            if low <= start < high and (not weekdays or start.weekday() in weekdays):
                found.append(Occurrence(session=session, start=start, end=end, title=session.page_title, hub=hub))
    found.sort(key=lambda occurrence: (occurrence.start, occurrence.title, occurrence.session.pk))
    return found


def attach_pages(occurrences):
    """Load the specific pages (and venues) of these occurrences in one query, and their ``SessionDate`` rows
    (cancellations) in another; returns the occurrences."""
    from home.models import ProgramPage

    missing = {occurrence.session.page_id for occurrence in occurrences if occurrence.page is None}
    if missing:
        pages = ProgramPage.objects.select_related("venue").in_bulk(missing)
        for occurrence in occurrences:
            if occurrence.page is None:
                occurrence.page = pages[occurrence.session.page_id]
    return attach_dates(occurrences)


def attach_dates(occurrences):
    """Give each occurrence its ``SessionDate`` row, if one exists (one query), and the hub-wide closure of its
    day, if its hub has one (one more query); returns the occurrences."""
    from home.models import SessionDate

    if occurrences:
        attach_hub_closures(occurrences)
    sessions = {occurrence.session.pk for occurrence in occurrences if occurrence.session.pk is not None}
    if not sessions:  # nothing, or a preview's unsaved sessions
        return occurrences
    days = [occurrence.start.date() for occurrence in occurrences]
    rows = SessionDate.objects.filter(session__in=sessions, date__gte=min(days), date__lte=max(days))
    by_key = {(row.session_id, row.date): row for row in rows}
    for occurrence in occurrences:
        occurrence.session_date = by_key.get((occurrence.session.pk, occurrence.start.date()))
    return occurrences


def attach_hub_closures(occurrences):
    """An occurrence on a day its hub is closed (``resources_directory.HubClosure``, 「警報のため本日休館」) is
    cancelled with that reason: its hub is the one whose home page is above the program's page."""
    from resources_directory.models import HubClosure

    days = [occurrence.start.astimezone(TOKYO).date() for occurrence in occurrences]
    closures = list(
        HubClosure.objects.filter(start_date__lte=max(days), end_date__gte=min(days)).select_related(
            "hub__site__root_page"
        )
    )
    for occurrence, day in zip(occurrences, days, strict=True):
        path = getattr(occurrence.session, "page_path", None) or getattr(occurrence.page, "path", "")
        occurrence.hub_closure = next(
            (c for c in closures if c.covers(day) and path.startswith(c.hub.site.root_page.path)), None
        )


def find_occurrences(
    start, end, life_stages=None, business_areas=None, areas=None, booking_required=None, hubs=None, weekdays=None
):
    """The occurrences in order, without their pages (two queries): slice them, then ``attach_pages``."""
    first_day, last_day, low, high = _bounds(start, end)
    if last_day < first_day:
        return []
    if (last_day - first_day).days > MAX_WINDOW_DAYS:
        raise ValueError(f"window longer than {MAX_WINDOW_DAYS} days")
    hubs = None if hubs is None else list(hubs)
    hub_paths = None if hubs is None else [hub.site.root_page.path for hub in hubs]
    sessions = _sessions(first_day, last_day, business_areas, areas, booking_required, hub_paths)
    return occurrences_for_sessions(sessions, first_day, last_day, low, high, life_stages, hubs, weekdays)


def upcoming_occurrences(*args, **filters):
    """See the module docstring for the contract."""
    return attach_pages(find_occurrences(*args, **filters))


def program_occurrences(page, start, end):
    """Occurrences of one program (live or not: used for its own page, preview and feed)."""
    first_day, last_day, low, high = _bounds(start, end)
    sessions = [session for session in page.sessions.all() if session.date <= last_day]
    for session in sessions:
        session.page_title, session.page_path, session.page_stages = page.title, page.path, None
    found = occurrences_for_sessions(sessions, first_day, last_day, low, high)
    for occurrence in found:
        occurrence.page = page
    return attach_dates(found)


def today():
    return datetime.now(TOKYO).date()
