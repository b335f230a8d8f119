"""Recurrence expansion: weekly, nth weekday of the month, month ends, holidays, exceptions, bounds."""

from datetime import date, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from home.recurrence import MAX_RULE_DAYS, TOKYO, Frequency, Rule, expand, parse_exception_dates, rule_dates
from home.schedule import Weekday, WeekOfMonth


def rule(frequency=Frequency.WEEKLY, first=date(2026, 1, 1), until=date(2026, 12, 31), **extra):
    extra.setdefault("weekday", Weekday.TUESDAY)
    return Rule(frequency=frequency, first_date=first, start_time=time(10), end_time=time(11, 30), until=until, **extra)


def test_second_tuesday_monthly():
    days = rule_dates(rule(Frequency.MONTHLY, week_of_month=WeekOfMonth.SECOND), date(2026, 11, 1), date(2027, 1, 31))
    assert days == [date(2026, 11, 10), date(2026, 12, 8)]  # the rule ends on 2026-12-31


def test_fifth_weekday_only_in_months_that_have_one():
    days = rule_dates(
        rule(Frequency.MONTHLY, week_of_month=WeekOfMonth.FIFTH, weekday=Weekday.THURSDAY),
        date(2026, 1, 1),
        date(2026, 12, 31),
    )
    assert days == [date(2026, 1, 29), date(2026, 4, 30), date(2026, 7, 30), date(2026, 10, 29), date(2026, 12, 31)]


def test_last_weekday_at_month_ends_including_february():
    days = rule_dates(
        rule(Frequency.MONTHLY, week_of_month=WeekOfMonth.LAST, weekday=Weekday.SATURDAY),
        date(2026, 1, 1),
        date(2026, 3, 31),
    )
    assert days == [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 28)]


def test_weekly_rule_across_a_month_end_and_the_window_edges():
    days = rule_dates(rule(weekday=Weekday.FRIDAY), date(2026, 7, 31), date(2026, 8, 14))
    assert days == [date(2026, 7, 31), date(2026, 8, 7), date(2026, 8, 14)]


def test_public_holidays_are_skipped_when_asked():
    # 2nd Monday of January 2027 is 成人の日 (11 Jan); 2nd Monday of February is not a holiday.
    monday = {"weekday": Weekday.MONDAY, "week_of_month": WeekOfMonth.SECOND}
    first, last = date(2027, 1, 1), date(2027, 2, 28)
    skipping = rule(Frequency.MONTHLY, first=first, until=last, skip_holidays=True, **monday)
    keeping = rule(Frequency.MONTHLY, first=first, until=last, skip_holidays=False, **monday)
    assert rule_dates(skipping, first, last) == [date(2027, 2, 8)]
    assert rule_dates(keeping, first, last) == [date(2027, 1, 11), date(2027, 2, 8)]


def test_substitute_holiday_is_skipped():
    # 2026-05-06 (Wednesday) is a substitute holiday (振替休日) for Constitution Day on Sunday.
    weekly = rule(weekday=Weekday.WEDNESDAY, skip_holidays=True)
    assert rule_dates(weekly, date(2026, 5, 1), date(2026, 5, 14)) == [date(2026, 5, 13)]


def test_a_single_session_on_a_holiday_is_kept():
    single = Rule(Frequency.ONCE, date(2027, 1, 11), time(10), time(11), skip_holidays=True)
    assert rule_dates(single, date(2027, 1, 1), date(2027, 1, 31)) == [date(2027, 1, 11)]
    assert rule_dates(single, date(2027, 1, 12), date(2027, 1, 31)) == []


def test_exception_dates_are_left_out():
    weekly = rule(exceptions=frozenset({date(2026, 12, 29)}))
    assert rule_dates(weekly, date(2026, 12, 15), date(2026, 12, 31)) == [date(2026, 12, 15), date(2026, 12, 22)]


def test_rule_runs_from_its_first_date_and_never_more_than_a_year():
    weekly = rule(first=date(2026, 1, 8), until=date(2030, 1, 1), weekday=Weekday.THURSDAY)
    days = rule_dates(weekly, date(2025, 1, 1), date(2030, 1, 1))
    assert days[0] == date(2026, 1, 8)
    assert days[-1] <= date(2026, 1, 8) + timedelta(days=MAX_RULE_DAYS)
    assert len(days) <= 53


def test_expand_gives_aware_tokyo_datetimes():
    [(start, end)] = expand(rule(), date(2026, 11, 10), date(2026, 11, 10))
    assert start.tzinfo is TOKYO and start.isoformat() == "2026-11-10T10:00:00+09:00"
    assert end.isoformat() == "2026-11-10T11:30:00+09:00"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", frozenset()),
        ("2026-12-29, 2027-01-05", frozenset({date(2026, 12, 29), date(2027, 1, 5)})),
        ("2026-12-29\n2026-12-29、2027-01-05", frozenset({date(2026, 12, 29), date(2027, 1, 5)})),
    ],
)
def test_parse_exception_dates(text, expected):
    assert parse_exception_dates(text) == expected


def test_parse_exception_dates_names_the_bad_value():
    with pytest.raises(ValueError, match="12/29"):
        parse_exception_dates("2026-12-22, 12/29")


@settings(max_examples=30, deadline=None)
@given(
    first=st.dates(date(2025, 1, 1), date(2028, 12, 31)),
    length=st.integers(0, 400),
    weekday=st.sampled_from(list(Weekday)),
    week=st.sampled_from(list(WeekOfMonth)),
    window_offset=st.integers(-60, 400),
    window_length=st.integers(0, 120),
)
def test_every_expanded_date_matches_the_rule(first, length, weekday, week, window_offset, window_length):
    frequency = Frequency.WEEKLY if week == WeekOfMonth.EVERY else Frequency.MONTHLY
    r = rule(frequency, first=first, until=first + timedelta(days=length), weekday=weekday, week_of_month=week)
    low = first + timedelta(days=window_offset)
    high = low + timedelta(days=window_length)
    days = rule_dates(r, low, high)
    assert days == sorted(set(days))
    for day in days:
        assert low <= day <= high and first <= day <= r.until
        assert day <= first + timedelta(days=MAX_RULE_DAYS)
        assert day.weekday() == weekday
        if week == WeekOfMonth.LAST:
            assert (day + timedelta(days=7)).month != day.month
        elif week != WeekOfMonth.EVERY:
            assert (day.day - 1) // 7 + 1 == week
