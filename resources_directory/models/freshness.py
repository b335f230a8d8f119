"""The freshness loop's record: one reminder e-mailed to a listing's group, and what the group answered.

A reminder carries a random ``nonce`` that its signed link names (resources_directory/freshness.py): the link
works once (``used_at``) and for 30 days (the signature's age). The answer is either "still right" (the listing's
``last_verified`` moved to that day) or "changes" (a draft revision for the editors, with the group's words about
hours and a free note kept here); an editor marks a change handled, or publishing a later revision does.
No personal data is stored here: the address is the listing's own ``update_contact_email``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderAnswer(models.TextChoices):
    CONFIRMED = "confirmed", _("Still right")
    CHANGES = "changes", _("Changes sent")


class FreshnessReminder(models.Model):
    page = models.ForeignKey(
        "resources_directory.ListingPage",
        on_delete=models.CASCADE,
        related_name="freshness_reminders",
        verbose_name=_("directory listing"),
    )
    sent_at = models.DateTimeField(_("reminder sent at"), db_index=True)
    nonce = models.CharField(max_length=32, unique=True, editable=False)
    used_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answer = models.CharField(_("group's answer"), max_length=10, choices=ReminderAnswer.choices, blank=True)
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hours = models.TextField(_("opening hours as the group wrote them"), blank=True)
    note = models.TextField(_("note from the group"), blank=True)
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("freshness reminder")
        verbose_name_plural = _("freshness reminders")
        ordering = ["-sent_at", "-pk"]
        indexes = [models.Index(fields=["page", "sent_at"], name="reminder_page_sent_idx")]

    def __str__(self):
        return f"{self.page_id} {self.sent_at:%Y-%m-%d}"
