"""A family's place in one dated program session (``home.SessionDate``).

Personal data, kept to what the booking needs: a name, one contact (e-mail or phone), the child's age in months
(``None``: expecting) and how many adults and children come. Nothing else about the family is stored; rows are
deleted ``BOOKING_RETENTION_DAYS`` after the session (``manage.py purge_bookings``).
"""

from django.core import signing
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from home.models.program_sessions import MAX_AGE_MONTHS

TOKEN_SALT = "bookings.booking"
MAX_ADULTS = 4
MAX_CHILDREN = 4


class BookingStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Booking(models.Model):
    session_date = models.ForeignKey("home.SessionDate", on_delete=models.CASCADE, related_name="bookings")
    status = models.CharField(_("status"), max_length=10, choices=BookingStatus.choices)
    name = models.CharField(_("name"), max_length=60)
    contact = models.CharField(_("e-mail or phone"), max_length=120)
    child_age_months = models.PositiveSmallIntegerField(
        _("child's age (months)"), null=True, blank=True, validators=[MaxValueValidator(MAX_AGE_MONTHS)]
    )
    adults = models.PositiveSmallIntegerField(
        _("adults"), default=1, validators=[MinValueValidator(1), MaxValueValidator(MAX_ADULTS)]
    )
    children = models.PositiveSmallIntegerField(_("children"), default=1, validators=[MaxValueValidator(MAX_CHILDREN)])
    attended = models.BooleanField(_("attended"), default=False)
    taken_by_staff = models.BooleanField(_("taken by staff"), default=False)
    created_at = models.DateTimeField(_("booked at"), auto_now_add=True)
    status_changed_at = models.DateTimeField(_("status changed at"), auto_now=True)
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["session_date", "status"])]

    def __str__(self):
        # Never the family's name: this text can reach admin logs and error pages.
        return f"{_('booking')} #{self.pk}"

    @property
    def token(self):
        """The signed secret in the family's status and cancel links (no login)."""
        return signing.Signer(salt=TOKEN_SALT).sign(str(self.pk))

    @classmethod
    def from_token(cls, token):
        """The booking a token names, or ``None`` (bad signature, or the booking was deleted)."""
        try:
            pk = signing.Signer(salt=TOKEN_SALT).unsign(str(token))
        except signing.BadSignature:
            return None
        return cls.objects.select_related("session_date__page").filter(pk=int(pk)).first() if pk.isdigit() else None

    @property
    def expecting(self):
        return self.child_age_months is None

    @property
    def has_email(self):
        return "@" in self.contact

    @property
    def active(self):
        return self.status != BookingStatus.CANCELLED


class BookingMessage(models.Model):
    """One e-mail a booking's family was sent (or is being sent): claimed before it goes out, so a task that runs
    again (a retry, a worker killed mid-task) never sends it twice. Deleted with the booking."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(_("message"), max_length=20)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("booking e-mail")
        verbose_name_plural = _("booking e-mails")
        constraints = [models.UniqueConstraint(fields=["booking", "kind"], name="one_message_of_a_kind_per_booking")]

    def __str__(self):
        return f"{self.booking} {self.kind}"
