"""Bookable programs for the booking tests: a live program booked on this site, with one dated session."""

from datetime import time, timedelta

import pytest

from bookings import services
from home.agenda import today
from home.models import BookingMethod
from tests.home.programs.conftest import TSUBASA, TSUBASA_HOST, add_program, make_hub  # noqa: F401


def bookable_session(index, capacity=3, waitlist_size=2, days_ahead=7, **session_fields):
    """A live program below ``index`` with one session of ``capacity`` places; returns (page, session)."""
    session = {
        "date": today() + timedelta(days=days_ahead),
        "start_time": time(10, 0),
        "end_time": time(11, 30),
        "capacity": capacity,
        "waitlist_size": waitlist_size,
        **session_fields,
    }
    page = add_program(index, sessions=(session,), title="沐浴体験", booking=BookingMethod.SITE)
    return page, page.sessions.get()


@pytest.fixture
def programs_index(home):
    return home.get_children().get(slug="programs").specific


@pytest.fixture
def bookable(programs_index):
    """The bookable date of a 3-place session with a 2-place waiting list, a week from now."""

    def make(**fields):
        page, session = bookable_session(programs_index, **fields)
        return services.find_bookable(f"{session.pk}-{session.date:%Y%m%d}")

    return make


FAMILY = {"name": "山田 花子", "contact": "hanako@example.jp", "child_age_months": 4}


def family(n, **fields):
    return {**FAMILY, "name": f"家族 {n}", "contact": f"family{n}@example.jp", **fields}
