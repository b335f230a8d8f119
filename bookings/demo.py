"""Demo bookings for load_demo: invented families (named デモ …, phone numbers of zeros, so no e-mail is sent) on
the dates the hub's data set names (``BOOKINGS``), and the dates its hub called off (``CANCELLED_DATES``), in
``home.demo_data.<hub slug>``. Made through ``bookings.services`` like real ones, so the counts, the waiting list
and the cancellations behave as on a live site. Idempotent: a date that already has bookings, or is already called
off, is left alone.
"""

from bookings import services
from home.demo import demo_data
from home.hub_setup import child_by_slug
from home.models.session_dates import session_date_key


def first_date(index, slug, number):
    """The bookable first date of a demo program's session number ``number``, or None."""
    program = child_by_slug(index, slug) if index is not None else None
    if program is None:
        return None
    session = program.specific.sessions.order_by("sort_order", "pk")[number]
    return services.find_bookable(session_date_key(session.pk, session.date))


def load(home, stdout):
    data = demo_data("home", home)
    index = child_by_slug(home, "programs")
    made = called_off = 0
    for slug, number, names in getattr(data, "BOOKINGS", []):
        date = first_date(index, slug, number)
        if date is None or date.confirmed or date.waitlisted or date.cancelled:
            continue
        for n, name in enumerate(names, start=1):
            services.book(
                date, name=name, contact=f"{n:011d}", child_age_months=None if date.session.expecting_may_book else 4
            )
            made += 1
    for slug, number, reason in getattr(data, "CANCELLED_DATES", []):
        date = first_date(index, slug, number)
        if date is not None and not date.cancelled:
            services.cancel_session_date(date, reason)
            called_off += 1
    stdout.write(f"Bookings of {home.title}: {made} made, {called_off} dates called off")
