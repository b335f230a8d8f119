"""The public contract home.agenda.upcoming_occurrences, and its constant query count."""

from datetime import datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from home.agenda import upcoming_occurrences
from home.business_areas import BusinessArea
from home.life_stages import LifeStage
from home.models import BookingMethod
from home.recurrence import TOKYO
from home.schedule import WeekOfMonth
from tests.home.programs.conftest import once

# upcoming_occurrences runs exactly this many queries, whatever the number of programs, sessions and hubs:
# Wagtail's view restrictions (.public()), the sessions with their pages' title, path and life stages, and the
# pages of the occurrences found (with their venues), their dates' rows (cancellations, bookings) and the hubs'
# closures (issue 18).
AGENDA_QUERIES = 5


def test_occurrences_are_sorted_and_carry_page_start_end_title(make_program, soon):
    late = make_program(title="午後の部", sessions=[once(soon, time(14), time(15))])
    early = make_program(title="午前の部", sessions=[once(soon, time(9, 30), time(10))])
    found = upcoming_occurrences(soon, soon)
    assert [(o.page.pk, o.title) for o in found] == [(early.pk, "午前の部"), (late.pk, "午後の部")]
    assert found[0].start == datetime.combine(soon, time(9, 30), tzinfo=TOKYO)
    assert found[0].end == datetime.combine(soon, time(10), tzinfo=TOKYO)


def test_a_weekly_rule_expands_within_the_window(make_program, soon):
    rule = {"frequency": "weekly", "date": soon, "weekday": soon.weekday(), "until": soon + timedelta(days=60)}
    make_program(sessions=[rule])
    found = upcoming_occurrences(soon, soon + timedelta(days=20))
    assert [o.start.date() for o in found] == [
        d for d in (soon, soon + timedelta(days=7), soon + timedelta(days=14)) if not _holiday(d)
    ]


def _holiday(day):
    import jpholiday

    return jpholiday.is_holiday(day)


def test_date_bounds_are_inclusive_and_datetime_bounds_half_open(make_program, soon):
    make_program(sessions=[once(soon, time(10), time(11))])
    assert len(upcoming_occurrences(soon, soon)) == 1
    ten = datetime.combine(soon, time(10), tzinfo=TOKYO)
    assert len(upcoming_occurrences(ten, ten + timedelta(hours=1))) == 1
    assert upcoming_occurrences(ten - timedelta(hours=1), ten) == []
    assert upcoming_occurrences(soon + timedelta(days=1), soon) == []


FILTER_CASES = [
    ({}, {"pregnancy-course", "park", "consultation"}),
    ({"life_stages": [LifeStage.PREGNANCY]}, {"pregnancy-course", "consultation"}),
    ({"life_stages": [LifeStage.AGE_2, LifeStage.FATHERS]}, {"park"}),
    ({"business_areas": [BusinessArea.CONSULTATION]}, {"consultation"}),
    ({"areas": ["上大岡"]}, {"park"}),
    ({"booking_required": True}, {"pregnancy-course"}),
    ({"booking_required": False}, {"park", "consultation"}),
    ({"life_stages": [], "business_areas": [], "areas": []}, {"pregnancy-course", "park", "consultation"}),
]


def test_filters(make_program, soon):
    session = [once(soon)]
    make_program(slug="pregnancy-course", life_stages=["pregnancy"], booking=BookingMethod.PHONE, sessions=session)
    make_program(
        slug="park", life_stages=["age2"], area_name="上大岡", booking=BookingMethod.FIRST_COME, sessions=session
    )
    make_program(
        slug="consultation",
        life_stages=["pregnancy", "age1"],
        business_area=BusinessArea.CONSULTATION,
        sessions=session,
    )
    for filters, expected in FILTER_CASES:
        assert {o.page.slug for o in upcoming_occurrences(soon, soon, **filters)} == expected, filters


def test_drafts_and_private_programs_are_left_out(make_program, soon):
    draft = make_program(slug="draft", sessions=[once(soon)])
    draft.unpublish()
    private = make_program(slug="private", sessions=[once(soon)])
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    make_program(slug="public", sessions=[once(soon)])
    assert [o.page.slug for o in upcoming_occurrences(soon, soon)] == ["public"]


def test_uids_are_stable_and_distinct(make_program, soon):
    rule = {"frequency": "weekly", "date": soon, "weekday": soon.weekday(), "until": soon + timedelta(days=90)}
    make_program(sessions=[rule, once(soon, time(14), time(15))])
    first = [o.uid for o in upcoming_occurrences(soon, soon + timedelta(days=60))]
    again = [o.uid for o in upcoming_occurrences(soon, soon + timedelta(days=60))]
    assert first == again and len(set(first)) == len(first)


def make_sessions(make_program, soon, count, per_program=5):
    """``count`` sessions (single dates and monthly rules) spread over programs of ``per_program`` sessions."""
    for first in range(0, count, per_program):
        sessions = []
        for number in range(first, min(count, first + per_program)):
            if number % 2:
                sessions.append(once(soon + timedelta(days=number % 20)))
            else:
                sessions.append(
                    {
                        "frequency": "monthly",
                        "date": soon,
                        "weekday": number % 7,
                        "week_of_month": WeekOfMonth.SECOND,
                        "until": soon + timedelta(days=120),
                    }
                )
        make_program(sessions=sessions, area_name="上大岡")


@pytest.mark.parametrize("sessions", [1, 50])
def test_query_count_is_constant(make_program, soon, sessions):
    """Issue 4: constant SQL queries whatever the number of sessions (measured at 1 and 50)."""
    make_sessions(make_program, soon, sessions)
    with CaptureQueriesContext(connection) as queries:
        found = upcoming_occurrences(soon, soon + timedelta(days=120), life_stages=["age0_early"], areas=["上大岡"])
        shown = [(o.title, o.page.place, o.page.url_path, o.session.note) for o in found]
    assert len(queries) == AGENDA_QUERIES
    assert len(shown) >= sessions
