"""Weekly opening hours (with 第2火曜-style rules) and closures of a listing, edited inline."""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from home.schedule import Weekday, WeekOfMonth, matches_weekday_rule


class OpeningHours(Orderable):
    page = ParentalKey("resources_directory.ListingPage", on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    week_of_month = models.SmallIntegerField(_("week of the month"), choices=WeekOfMonth.choices, default=0)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    panels = [
        FieldRowPanel([FieldPanel("weekday"), FieldPanel("week_of_month")]),
        FieldRowPanel([FieldPanel("opens"), FieldPanel("closes")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")

    def clean(self):
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": _("Closing time must be after the opening time.")})

    def matches(self, day):
        return matches_weekday_rule(day, self.weekday, self.week_of_month)

    def __str__(self):
        prefix = "" if self.week_of_month == WeekOfMonth.EVERY else f"{WeekOfMonth(self.week_of_month).label} "
        return f"{prefix}{Weekday(self.weekday).label} {self.opens:%H:%M}–{self.closes:%H:%M}"


class Closure(Orderable):
    """Dates (inclusive) when the place is closed whatever its weekly hours say: holidays, renovation..."""

    page = ParentalKey("resources_directory.ListingPage", on_delete=models.CASCADE, related_name="closures")
    start_date = models.DateField(_("closed from"))
    end_date = models.DateField(_("closed until"))
    note = models.CharField(_("note"), max_length=255, blank=True)

    panels = [FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("closure")
        verbose_name_plural = _("closures")

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date must not be before the start date.")})

    def covers(self, day):
        return self.start_date <= day <= self.end_date


def is_closed(closures, day):
    return any(closure.covers(day) for closure in closures)


def next_opening(hours, closures, now, days=62):
    """(start, end) datetimes of the next opening from ``now`` (aware or naive), or None within ``days``.

    ``hours`` and ``closures`` are lists (already fetched), so this runs no queries.
    """
    if not hours:
        return None
    today = now.date()
    for offset in range(days):
        day = today + timedelta(days=offset)
        if is_closed(closures, day):
            continue
        slots = sorted((h for h in hours if h.matches(day)), key=lambda h: h.opens)
        for slot in slots:
            start = datetime.combine(day, slot.opens, tzinfo=now.tzinfo)
            end = datetime.combine(day, slot.closes, tzinfo=now.tzinfo)
            if end > now:
                return start, end
    return None
