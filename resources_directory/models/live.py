"""What is true today: a listing's live status (one tap by the hub's staff) and hub-wide closures.

``LiveStatus`` is not page content: no revision, no workflow; each change is written to Wagtail's log
(``resources_directory.live_status``). It is shown only on the day it was set (Asia/Tokyo) and while the place is
open by its hours (``shown_status``); after that it is gone by itself.
``HubClosure`` closes every listing of one hub on some dates (a storm warning) and cancels its programs' sessions
on those dates (``home.agenda.attach_dates``).
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.search import index

NOTE_MAX_LENGTH = 80


class LiveState(models.TextChoices):
    OPEN = "open", _("It is open")
    BUSY = "busy", _("It is busy")
    FULL = "full", _("It is full")
    CLOSED = "closed", _("We have closed")


class LiveStatus(models.Model):
    """The state of one place right now, as its staff last set it."""

    listing = models.OneToOneField(
        "resources_directory.ListingPage", on_delete=models.CASCADE, related_name="live_status_row"
    )
    state = models.CharField(_("state"), max_length=10, choices=LiveState.choices)
    note = models.CharField(_("note"), max_length=NOTE_MAX_LENGTH, blank=True)
    set_at = models.DateTimeField(_("set at"))
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("live status")
        verbose_name_plural = _("live statuses")
        permissions = [("set_live_status", "Can set the live status of their hub's places")]

    def __str__(self):
        return f"{self.listing_id}: {self.state}"


class HubClosure(index.Indexed, models.Model):
    """All of a hub's places (and its programs' sessions) closed on these dates, e.g. 「警報のため本日休館」."""

    hub = models.ForeignKey(
        "home.HubSettings", verbose_name=_("hub"), on_delete=models.CASCADE, related_name="closures"
    )
    start_date = models.DateField(_("closed from"))
    end_date = models.DateField(_("closed until"), help_text=_("The same day for a one-day closure."))
    reason = models.CharField(_("reason"), max_length=100, help_text=_("E.g. 警報のため本日休館"))

    panels = [
        FieldPanel("hub"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("reason"),
    ]
    search_fields = [index.SearchField("reason"), index.FilterField("hub")]

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name = _("hub-wide closure")
        verbose_name_plural = _("hub-wide closures")

    def __str__(self):
        return f"{closure_dates(self)} {self.reason}"

    @property
    def note(self):  # read like a listing's Closure
        return self.reason

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date must not be before the start date.")})

    def covers(self, day):
        return self.start_date <= day <= self.end_date


def closure_dates(closure):
    """「12/29〜1/3」, or 「5/6」 for one day."""
    start, end = closure.start_date, closure.end_date
    if start == end:
        return f"{start.month}/{start.day}"
    return f"{start.month}/{start.day}〜{end.month}/{end.day}"


def closure_text(closure):
    """「12/29〜1/3 休館（年末年始）」."""
    from django.utils.translation import gettext

    if closure.note:
        return gettext("%(dates)s closed (%(note)s)") % {"dates": closure_dates(closure), "note": closure.note}
    return gettext("%(dates)s closed") % {"dates": closure_dates(closure)}


def local(now=None):
    return timezone.localtime(now) if now is not None else timezone.localtime()


def current_slot(hours, closures, now):
    """(opens, closes) aware datetimes of the opening period ``now`` falls in, or None (closed now)."""
    day = now.date()
    if any(closure.covers(day) for closure in closures):
        return None
    for slot in hours:
        if slot.matches(day) and slot.opens <= now.time() < slot.closes:
            opens, closes = (datetime.combine(day, moment, tzinfo=now.tzinfo) for moment in (slot.opens, slot.closes))
            return opens, closes
    return None


def shown_status(status, hours, closures, now):
    """(status, until) while the status is shown: set today and the place open now by its hours; else None."""
    if status is None:
        return None
    now = local(now)
    if local(status.set_at).date() != now.date() or status.set_at > now:
        return None
    slot = current_slot(hours, closures, now)
    return (status, slot[1]) if slot else None


def coming_closure(closures, today, days=30):
    """The first closure (listing or hub-wide) that has not ended and starts within ``days``, or None."""
    horizon = today + timedelta(days=days)
    coming = [c for c in closures if c.end_date >= today and c.start_date <= horizon]
    return min(coming, key=lambda c: (c.start_date, c.end_date), default=None)


def end_of_day(now):
    return datetime.combine(now.date() + timedelta(days=1), time.min, tzinfo=now.tzinfo)
