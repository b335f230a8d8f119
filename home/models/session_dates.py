"""One dated session of a program, stored once something is recorded about it: a booking, or a cancellation.

Sessions are rules (home.models.program_sessions) expanded on the fly, so a date has no row until it needs one.
Its ``key`` ("<session id>-<YYYYMMDD>") names it in links and the API before any row exists.
"""

from datetime import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

KEY_FORMAT = "%Y%m%d"


def session_date_key(session_id, day):
    return f"{session_id}-{day:{KEY_FORMAT}}"


def parse_session_date_key(key):
    """(session id, date) from a key, or ``None`` when it is not one."""
    session_id, _sep, day = str(key).partition("-")
    if not (session_id.isascii() and session_id.isdigit() and len(session_id) <= 18 and len(day) == 8):
        return None
    try:
        return int(session_id), datetime.strptime(day, KEY_FORMAT).date()
    except ValueError:
        return None


class SessionDate(models.Model):
    page = models.ForeignKey("home.ProgramPage", on_delete=models.CASCADE, related_name="session_dates")
    # Kept when an editor removes the session: its bookings and cancellation stay on record.
    session = models.ForeignKey(
        "home.ProgramSession", on_delete=models.SET_NULL, null=True, blank=True, related_name="dates"
    )
    date = models.DateField(_("date"))
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=100, blank=True)
    # iCalendar SEQUENCE: bumped on every change a subscribed calendar must pick up (a cancellation).
    sequence = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("session date")
        verbose_name_plural = _("session dates")
        ordering = ["start"]
        constraints = [models.UniqueConstraint(fields=["session", "date"], name="one_row_per_session_date")]

    def __str__(self):
        return f"{self.page.title} {self.start:%Y-%m-%d %H:%M}"

    @property
    def key(self):
        return session_date_key(self.session_id, self.date)

    @property
    def cancelled(self):
        return self.cancelled_at is not None
