"""Sessions of a program: one dated session, or a weekly / nth-weekday-of-month rule (Asia/Tokyo)."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Orderable

from home.recurrence import MAX_RULE_DAYS, Frequency, Rule, expand, parse_exception_dates
from home.schedule import Weekday, WeekOfMonth

# Bounds of the booking fields (a session is one room; a child of a hub's public is under six).
MAX_PLACES = 500
MAX_AGE_MONTHS = 83


class SessionFrequency(models.TextChoices):
    ONCE = Frequency.ONCE, _("Once (a single date)")
    WEEKLY = Frequency.WEEKLY, _("Every week")
    MONTHLY = Frequency.MONTHLY, _("Monthly on the nth weekday")


class ProgramSession(Orderable):
    page = ParentalKey("home.ProgramPage", on_delete=models.CASCADE, related_name="sessions")
    frequency = models.CharField(
        _("repeats"), max_length=10, choices=SessionFrequency.choices, default=SessionFrequency.ONCE
    )
    date = models.DateField(_("date"), help_text=_("The date of a single session, or the first day a rule applies."))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices, null=True, blank=True)
    week_of_month = models.SmallIntegerField(
        _("week of the month"),
        choices=WeekOfMonth.choices,
        default=WeekOfMonth.EVERY,
        help_text=_("For monthly sessions: which weekday of the month (e.g. 2nd for 第2火曜)."),
    )
    until = models.DateField(
        _("until"), null=True, blank=True, help_text=_("Last day of a repeating session (at most one year).")
    )
    exception_dates = models.TextField(
        _("no session on"),
        blank=True,
        help_text=_("Dates without a session, as YYYY-MM-DD separated by commas or new lines."),
    )
    skip_holidays = models.BooleanField(_("skip public holidays"), default=True)
    note = models.CharField(_("note"), max_length=200, blank=True, help_text=_("e.g. 'for first-time visitors'."))
    # Booking on this site (the program's booking method "site"): places, waiting list, window, who may book.
    capacity = models.PositiveSmallIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PLACES)],
        help_text=_("Families who can book each date of this session on the site (blank: no booking here)."),
    )
    waitlist_size = models.PositiveSmallIntegerField(
        _("waiting list"),
        default=0,
        validators=[MaxValueValidator(MAX_PLACES)],
        help_text=_("Families who can wait for a place once it is full (0: no waiting list)."),
    )
    booking_opens_days = models.PositiveSmallIntegerField(
        _("booking opens (days before)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(366)],
        help_text=_("Blank: as soon as the date is listed."),
    )
    booking_closes_hours = models.PositiveSmallIntegerField(
        _("booking closes (hours before)"), default=0, validators=[MaxValueValidator(24 * 14)]
    )
    expecting_may_book = models.BooleanField(_("expecting parents may book"), default=True)
    children_may_book = models.BooleanField(_("parents of a child may book"), default=True)
    min_age_months = models.PositiveSmallIntegerField(
        _("youngest child (months)"), null=True, blank=True, validators=[MaxValueValidator(MAX_AGE_MONTHS)]
    )
    max_age_months = models.PositiveSmallIntegerField(
        _("oldest child (months)"), null=True, blank=True, validators=[MaxValueValidator(MAX_AGE_MONTHS)]
    )

    panels = [
        FieldRowPanel([FieldPanel("frequency"), FieldPanel("date")]),
        FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("weekday"), FieldPanel("week_of_month"), FieldPanel("until")]),
                FieldPanel("exception_dates"),
                FieldPanel("skip_holidays"),
            ],
            heading=_("Repeating sessions"),
        ),
        FieldPanel("note"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("waitlist_size")]),
                FieldRowPanel([FieldPanel("booking_opens_days"), FieldPanel("booking_closes_hours")]),
                FieldRowPanel([FieldPanel("expecting_may_book"), FieldPanel("children_may_book")]),
                FieldRowPanel([FieldPanel("min_age_months"), FieldPanel("max_age_months")]),
            ],
            heading=_("Booking on this site"),
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self):
        return f"{self.date} {self.start_time:%H:%M}–{self.end_time:%H:%M}"

    def clean(self):
        errors = {}
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("The session must end after it starts.")
        try:
            parse_exception_dates(self.exception_dates or "")
        except ValueError as error:
            errors["exception_dates"] = _("“%(value)s” is not a date (use YYYY-MM-DD).") % {"value": error.args[0]}
        if self.frequency != SessionFrequency.ONCE:
            if self.weekday is None:
                errors["weekday"] = _("Choose the weekday of a repeating session.")
            if self.until is None:
                errors["until"] = _("Give the last day of a repeating session.")
            elif self.date and self.until < self.date:
                errors["until"] = _("The last day must not be before the first day.")
            elif self.date and self.until > self.date + timedelta(days=MAX_RULE_DAYS):
                errors["until"] = _("A repeating session can run for at most one year; add another session after.")
            if self.frequency == SessionFrequency.MONTHLY and self.week_of_month == WeekOfMonth.EVERY:
                errors["week_of_month"] = _("Choose which weekday of the month (1st–5th or last).")
        if self.capacity is not None:
            errors.update(self.booking_rule_errors())
        if errors:
            raise ValidationError(errors)

    def booking_rule_errors(self):
        errors = {}
        if not (self.expecting_may_book or self.children_may_book):
            errors["children_may_book"] = _("Let expecting parents, parents of a child, or both book.")
        low, high = self.min_age_months, self.max_age_months
        if low is not None and high is not None and high < low:
            errors["max_age_months"] = _("The oldest age must not be below the youngest.")
        return errors

    def booking_window(self, start):
        """When families may book the date starting at ``start``: (opens or None, closes)."""
        opens = None if self.booking_opens_days is None else start - timedelta(days=self.booking_opens_days)
        return opens, start - timedelta(hours=self.booking_closes_hours)

    def refuses_age(self, child_age_months):
        """Why a family with this child (``None``: expecting) may not book, or ``None`` if it may."""
        if child_age_months is None:
            return None if self.expecting_may_book else _("This session is for parents of a child.")
        if not self.children_may_book:
            return _("This session is for expecting parents.")
        low, high = self.min_age_months, self.max_age_months
        if (low is not None and child_age_months < low) or (high is not None and child_age_months > high):
            return _("This session is for children aged %(low)s to %(high)s months.") % {
                "low": low if low is not None else 0,
                "high": high if high is not None else MAX_AGE_MONTHS,
            }
        return None

    def as_rule(self):
        return Rule(
            frequency=self.frequency,
            first_date=self.date,
            start_time=self.start_time,
            end_time=self.end_time,
            weekday=self.weekday,
            week_of_month=self.week_of_month,
            until=self.until,
            exceptions=parse_exception_dates(self.exception_dates or ""),
            skip_holidays=self.skip_holidays,
        )

    def occurrences(self, window_start, window_end):
        """(start, end) aware datetimes within the inclusive date window."""
        return expand(self.as_rule(), window_start, window_end)

    @property
    def last_date(self):
        return self.date if self.frequency == SessionFrequency.ONCE else self.until
