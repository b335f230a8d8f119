from datetime import date

import pytest

from home.life_stages import LifeStage, age_in_months, life_stage_for_age
from home.schedule import Weekday, WeekOfMonth, days_matching, matches_weekday_rule


@pytest.mark.parametrize(
    ("birth", "on", "months"),
    [
        (date(2026, 10, 31), date(2026, 11, 23), 0),  # three weeks old
        (date(2026, 10, 23), date(2026, 11, 23), 1),  # one month to the day
        (date(2026, 10, 24), date(2026, 11, 23), 0),  # a day short of a month
        (date(2025, 11, 23), date(2026, 11, 23), 12),
        (date(2027, 1, 10), date(2026, 11, 23), -2),  # due date in seven weeks: negative, not born yet
        (date(2026, 11, 30), date(2026, 11, 23), -1),  # due next week
    ],
)
def test_age_in_months(birth, on, months):
    assert age_in_months(birth, on) == months


@pytest.mark.parametrize(
    ("months", "stage"),
    [
        (-1, LifeStage.PREGNANCY),
        (0, LifeStage.AGE_0_EARLY),
        (5, LifeStage.AGE_0_EARLY),
        (6, LifeStage.AGE_0_LATE),
        (11, LifeStage.AGE_0_LATE),
        (12, LifeStage.AGE_1),
        (35, LifeStage.AGE_2),
        (36, LifeStage.AGE_3_PLUS),
        (84, None),
    ],
)
def test_life_stage_boundaries(months, stage):
    assert life_stage_for_age(months) == stage


def test_second_tuesday_of_each_month():
    days = list(days_matching(date(2026, 11, 1), date(2027, 1, 31), Weekday.TUESDAY, WeekOfMonth.SECOND))
    assert days == [date(2026, 11, 10), date(2026, 12, 8), date(2027, 1, 12)]


def test_last_friday_and_fifth_weekday():
    assert matches_weekday_rule(date(2026, 11, 27), Weekday.FRIDAY, WeekOfMonth.LAST)
    assert not matches_weekday_rule(date(2026, 11, 20), Weekday.FRIDAY, WeekOfMonth.LAST)
    # December 2026 has five Tuesdays; November has four.
    assert matches_weekday_rule(date(2026, 12, 29), Weekday.TUESDAY, WeekOfMonth.FIFTH)
    assert list(days_matching(date(2026, 11, 1), date(2026, 11, 30), Weekday.TUESDAY, WeekOfMonth.FIFTH)) == []


def test_every_week_rule_includes_the_start_and_end_days():
    days = list(days_matching(date(2026, 11, 3), date(2026, 11, 24), Weekday.TUESDAY))
    assert days == [date(2026, 11, 3), date(2026, 11, 10), date(2026, 11, 17), date(2026, 11, 24)]
