"""Expanding program sessions into dated occurrences (Asia/Tokyo).

A session is either one dated session or a rule: every week on a weekday, or the nth (1st–5th, last)
weekday of each month ("第2火曜 10:00–11:30"), from a first date until a last date, minus exception dates
and, optionally, Japanese public holidays (``jpholiday``; a single dated session is never skipped).

Pure functions on dates and times; the models (home.models.program_sessions) call them.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import jpholiday

from home.schedule import WeekOfMonth, days_matching

TOKYO = ZoneInfo("Asia/Tokyo")

# A rule may run for at most this many days after its first date (about one year of occurrences).
MAX_RULE_DAYS = 366


class Frequency:
    ONCE = "once"
    WEEKLY = "weekly"
    MONTHLY = "monthly"


@dataclass(frozen=True)
class Rule:
    frequency: str
    first_date: date
    start_time: time
    end_time: time
    weekday: int | None = None
    week_of_month: int = WeekOfMonth.EVERY
    until: date | None = None
    exceptions: frozenset = frozenset()
    skip_holidays: bool = False


@lru_cache(maxsize=4096)
def is_holiday(day):
    return jpholiday.is_holiday(day)


def rule_dates(rule, window_start, window_end):
    """The dates (inclusive window) on which the rule has a session, in order."""
    if rule.frequency == Frequency.ONCE:
        candidates = [rule.first_date]
    else:
        last = min(rule.until or rule.first_date, rule.first_date + timedelta(days=MAX_RULE_DAYS))
        low, high = max(window_start, rule.first_date), min(window_end, last)
        if low > high:
            return []
        week = WeekOfMonth.EVERY if rule.frequency == Frequency.WEEKLY else rule.week_of_month
        candidates = days_matching(low, high, rule.weekday, week)
    return [
        day
        for day in candidates
        if window_start <= day <= window_end
        and day not in rule.exceptions
        and not (rule.skip_holidays and rule.frequency != Frequency.ONCE and is_holiday(day))
    ]


def at_tokyo(day, moment):
    return datetime.combine(day, moment, tzinfo=TOKYO)


def expand(rule, window_start, window_end):
    """(start, end) aware datetimes in Asia/Tokyo for every session of the rule within the window."""
    return [
        (at_tokyo(day, rule.start_time), at_tokyo(day, rule.end_time))
        for day in rule_dates(rule, window_start, window_end)
    ]


def parse_exception_dates(text):
    """Exception dates typed by an editor: ISO dates separated by commas, spaces or new lines.

    Raises ValueError naming the first value that is not a date.
    """
    days = set()
    for token in text.replace("、", ",").replace(",", " ").split():
        try:
            days.add(date.fromisoformat(token.strip()))
        except ValueError:
            raise ValueError(token) from None
    return frozenset(days)
