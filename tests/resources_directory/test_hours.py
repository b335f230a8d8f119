from datetime import date, time

import pytest

from resources_directory.models import Closure, OpeningHours
from resources_directory.models.hours import next_opening
from tests.resources_directory.conftest import MONDAY, at


def hours(weekday, week=0, opens="10:00", closes="11:30"):
    return OpeningHours(
        weekday=weekday, week_of_month=week, opens=time.fromisoformat(opens), closes=time.fromisoformat(closes)
    )


def start_of(result):
    return result[0].replace(tzinfo=None).isoformat(timespec="minutes") if result else None


@pytest.mark.parametrize(
    ("rule", "now", "expected"),
    [
        # every Monday: later today while it is still open, next week once it has closed
        (hours(0), MONDAY, "2026-11-23T10:00"),
        (hours(0), at(date(2026, 11, 23), 11), "2026-11-23T10:00"),  # open now: still the current slot
        (hours(0), at(date(2026, 11, 23), 12), "2026-11-30T10:00"),
        # 第2火曜: the 2nd Tuesday of December
        (hours(1, 2), MONDAY, "2026-12-08T10:00"),
        # last Monday: November 2026 has five Mondays, the last is the 30th; December's is the 28th
        (hours(0, -1), MONDAY, "2026-11-30T10:00"),
        (hours(0, -1), at(date(2026, 11, 30), 12), "2026-12-28T10:00"),
        # 5th Tuesday: December 2026 has one (the 29th), January 2027 does not
        (hours(1, 5), MONDAY, "2026-12-29T10:00"),
        # 4th Monday is today as well
        (hours(0, 4), MONDAY, "2026-11-23T10:00"),
    ],
)
def test_next_opening_follows_weekday_and_nth_weekday_rules(rule, now, expected):
    assert start_of(next_opening([rule], [], now)) == expected


def test_closures_are_skipped_inclusive_of_both_ends():
    closure = Closure(start_date=date(2026, 11, 23), end_date=date(2026, 11, 30))
    assert start_of(next_opening([hours(0)], [closure], MONDAY)) == "2026-12-07T10:00"
    closure_ends_day_before = Closure(start_date=date(2026, 11, 20), end_date=date(2026, 11, 22))
    assert start_of(next_opening([hours(0)], [closure_ends_day_before], MONDAY)) == "2026-11-23T10:00"


def test_no_hours_means_no_next_opening():
    assert next_opening([], [], MONDAY) is None


def test_earliest_slot_of_the_day_comes_first():
    result = next_opening([hours(0, 0, "13:00", "15:00"), hours(0, 0, "09:30", "11:00")], [], MONDAY)
    assert start_of(result) == "2026-11-23T09:30"
