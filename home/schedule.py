"""Weekday and nth-weekday rules ("第2火曜") shared by program sessions and directory opening hours."""

from datetime import date, timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _


class Weekday(models.IntegerChoices):
    """ISO-like numbering as Python's date.weekday(): Monday = 0."""

    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class WeekOfMonth(models.IntegerChoices):
    """Which occurrence of the weekday in the month; EVERY = every week, LAST = the last one."""

    EVERY = 0, _("Every week")
    FIRST = 1, _("1st")
    SECOND = 2, _("2nd")
    THIRD = 3, _("3rd")
    FOURTH = 4, _("4th")
    FIFTH = 5, _("5th")
    LAST = -1, _("Last")


def nth_weekday_in_month(day):
    """1 for the first Tuesday of the month, 2 for the second, ..."""
    return (day.day - 1) // 7 + 1


def is_last_weekday_in_month(day):
    return (day + timedelta(days=7)).month != day.month


def matches_weekday_rule(day, weekday, week_of_month=WeekOfMonth.EVERY):
    """Whether ``day`` falls on ``weekday`` in the given week of its month."""
    if day.weekday() != weekday:
        return False
    if week_of_month == WeekOfMonth.EVERY:
        return True
    if week_of_month == WeekOfMonth.LAST:
        return is_last_weekday_in_month(day)
    return nth_weekday_in_month(day) == week_of_month


def days_matching(start, end, weekday, week_of_month=WeekOfMonth.EVERY):
    """Every date from start to end (inclusive) that matches the rule, in order."""
    first = start + timedelta(days=(weekday - start.weekday()) % 7)
    day = first
    while day <= end:
        if matches_weekday_rule(day, weekday, week_of_month):
            yield day
        day += timedelta(days=7)


def week_of(day: date):
    """Monday–Sunday week containing ``day``."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)
