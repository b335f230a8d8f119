"""The freshness loop: listings not verified for ``DIRECTORY_STALE_MONTHS`` are put to their own group by e-mail.

``send_reminders`` (``manage.py send_freshness_reminders``, daily) e-mails the ``update_contact_email`` of every
live, stale listing that got no reminder in the last period. The e-mail's link is signed (salt ``SALT``, valid
``LINK_DAYS``) and names one reminder by its random nonce, so it works once. Through it, without an account, the
group either confirms the listing (``confirm``: ``last_verified`` = today on the live page, no revision, one
entry in Wagtail's log) or sends changes (``propose_changes``: a draft revision for the editors, never
published here). A failed e-mail is logged with the listing's id only, never the address.
"""

import logging
import secrets
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Max, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.log_actions import log

from home.hubs import hub_for_page
from resources_directory.models import FreshnessReminder, ListingPage, ReminderAnswer
from worker.queue import background_task, tally

logger = logging.getLogger(__name__)

SALT = "resources_directory.freshness"
LINK_DAYS = 30
MAX_TOKEN_LENGTH = 300
# Fields of the listing the group may propose changes to (besides the hours and a note, kept with the reminder).
PROPOSED_FIELDS = ("min_age_months", "max_age_months", "fee", "booking_info", "phone", "website")
VERIFIED_ACTION = "resources_directory.verified_by_group"
UPDATE_ACTION = "resources_directory.update_from_group"


class LinkProblem(Exception):
    """Why a link cannot be used: ``kind`` is "bad" (400), "expired", "used" or "gone" (410)."""

    def __init__(self, kind):
        super().__init__(kind)
        self.kind = kind

    @property
    def status(self):
        return 400 if self.kind == "bad" else 410


def stale_months():
    return settings.DIRECTORY_STALE_MONTHS


def stale_before(today=None):
    """The listings verified on or before this day (or never) are stale."""
    return (today or timezone.localdate()) - relativedelta(months=stale_months())


def stale_listings(today=None):
    """Live listings not verified for the period, with ``last_reminder_at`` (the last reminder sent, or None)."""
    stale = Q(last_verified__isnull=True) | Q(last_verified__lte=stale_before(today))
    return (
        ListingPage.objects.live()
        .filter(stale, locale__language_code=settings.LANGUAGE_CODE)  # originals: translations are not reminded
        .annotate(last_reminder_at=Max("freshness_reminders__sent_at"))
        .order_by(F("last_verified").asc(nulls_first=True), "title", "pk")
    )


def due_listings(now=None):
    """Stale listings with an address for updates and no reminder sent in the last period."""
    now = now or timezone.now()
    period_start = now - relativedelta(months=stale_months())
    return (
        stale_listings(timezone.localdate(now))
        .exclude(update_contact_email="")
        .filter(Q(last_reminder_at__isnull=True) | Q(last_reminder_at__lt=period_start))
    )


def pending_updates():
    """Changes sent by groups that no editor has handled yet: not marked handled, and the listing has not been
    published since (publishing that revision, or a later one, deals with it)."""
    return (
        FreshnessReminder.objects.filter(answer=ReminderAnswer.CHANGES, handled_at__isnull=True)
        .exclude(revision__isnull=True)
        .filter(Q(page__live_revision__isnull=True) | Q(page__live_revision_id__lt=F("revision_id")))
        .select_related("page")
    )


class _SignedAt(signing.TimestampSigner):
    """A signer whose signature says it was made at ``at`` (a link sent earlier, e.g. in a test)."""

    def __init__(self, *, at, **kwargs):
        super().__init__(**kwargs)
        self.at = at

    def timestamp(self):
        return signing.b62_encode(int(self.at.timestamp()))


def token_for(reminder, signed_at=None):
    signer = _SignedAt(at=signed_at, salt=SALT) if signed_at else signing.TimestampSigner(salt=SALT)
    return signer.sign_object({"r": reminder.pk, "n": reminder.nonce})


def reminder_for_token(token):
    """The reminder a link names, still usable; else raises ``LinkProblem``. Changes nothing."""
    if not isinstance(token, str) or len(token) > MAX_TOKEN_LENGTH:
        raise LinkProblem("bad")
    try:
        payload = signing.TimestampSigner(salt=SALT).unsign_object(token, max_age=timedelta(days=LINK_DAYS))
    except signing.SignatureExpired:
        raise LinkProblem("expired") from None
    except (signing.BadSignature, ValueError, UnicodeError):
        raise LinkProblem("bad") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("r"), int) or not isinstance(payload.get("n"), str):
        raise LinkProblem("bad")
    reminder = FreshnessReminder.objects.select_related("page").filter(pk=payload["r"], nonce=payload["n"]).first()
    if reminder is None:
        raise LinkProblem("bad")
    if reminder.used_at is not None:
        raise LinkProblem("used")
    if not reminder.page.live:
        raise LinkProblem("gone")
    return reminder


def link_for(reminder, signed_at=None):
    path = reverse("resources_directory:freshness", args=[token_for(reminder, signed_at)])
    site = reminder.page.get_site()
    return f"{site.root_url}{path}" if site else path


def send_reminder(page, now):
    """Record a reminder for the page and e-mail its group; returns whether it went out (a failure is forgotten,
    so tomorrow's run tries again)."""
    reminder = FreshnessReminder.objects.create(page=page, sent_at=now, nonce=secrets.token_hex(16))
    context = {
        "page": page,
        "hub": hub_for_page(page),
        "link": link_for(reminder),
        "expires": timezone.localdate(now) + timedelta(days=LINK_DAYS),
        "months": stale_months(),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string("resources_directory/email/freshness_subject.txt", context).split())
        body = render_to_string("resources_directory/email/freshness.txt", context)
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [page.update_contact_email])
    try:
        message.send()
    except Exception as error:  # the error's text can hold the address: only its class is logged
        logger.error("listing %s: the freshness reminder could not be sent (%s)", page.pk, type(error).__name__)
        reminder.delete()
        return False
    return True


def send_reminders(now=None):
    """E-mail every listing due a reminder, in this process; returns (sent, failed)."""
    now = now or timezone.now()
    sent = failed = 0
    for page in due_listings(now):
        if send_reminder(page, now):
            sent += 1
        else:
            failed += 1
    return sent, failed


def queue_reminders():
    """``manage.py send_freshness_reminders``: one task per listing due a reminder (its id only), sent by the
    task worker (at once with the immediate backend). Returns (sent, failed, queued)."""
    ids = list(due_listings().values_list("pk", flat=True))
    return tally(send_reminder_task.enqueue(pk) for pk in ids)


class ReminderNotSent(Exception):
    pass


@background_task()
def send_reminder_task(page_id):
    """The listing's reminder if it is still due (none was recorded meanwhile: a task run again never sends
    twice, as the reminder is recorded before its e-mail goes out); a failed e-mail fails the task (retried)."""
    now = timezone.now()
    page = due_listings(now).filter(pk=page_id).first()
    if page is None:
        return False
    if not send_reminder(page, now):
        raise ReminderNotSent(page_id)
    return True


def _claim(reminder, answer):
    """Mark the reminder used, once: a second request (or a race) finds it taken and raises LinkProblem."""
    claimed = FreshnessReminder.objects.filter(pk=reminder.pk, used_at__isnull=True).update(
        used_at=timezone.now(), answer=answer
    )
    if not claimed:
        raise LinkProblem("used")


def confirm(reminder):
    """「このままで正しい」: the live page's ``last_verified`` becomes today, without a revision; logged."""
    today = timezone.localdate()
    with transaction.atomic():
        _claim(reminder, ReminderAnswer.CONFIRMED)
        page = ListingPage.objects.select_for_update().get(pk=reminder.page_id)
        page.last_verified = today
        page.save(update_fields=["last_verified"], clean=False)
        log(page, VERIFIED_ACTION, data={"last_verified": today.isoformat(), "reminder": reminder.pk})
    return page


def propose_changes(reminder, changes, hours="", note=""):
    """「変更がある」: a draft revision with the group's changes (and today's ``last_verified``) for the editors.

    Built on the page's latest draft when an editor has one, so their unpublished work is kept; the live page and
    its live revision stay as they are."""
    today = timezone.localdate()
    with transaction.atomic():
        _claim(reminder, ReminderAnswer.CHANGES)
        page = ListingPage.objects.select_for_update().get(pk=reminder.page_id)
        draft = page.get_latest_revision_as_object() if page.has_unpublished_changes else page
        for name, value in changes.items():
            setattr(draft, name, value)
        draft.last_verified = today
        revision = draft.save_revision(user=None, log_action=UPDATE_ACTION, clean=False)
        FreshnessReminder.objects.filter(pk=reminder.pk).update(revision=revision, hours=hours, note=note)
    return revision
