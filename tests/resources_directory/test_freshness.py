"""The freshness loop end to end: the daily reminder, its link, 「このままで正しい」 and 「変更がある」."""

import io
import logging

import pytest
from dateutil.relativedelta import relativedelta
from django.core import mail, signing
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision

from resources_directory import freshness
from resources_directory.models import FreshnessReminder, ListingPage
from tests.resources_directory.freshness_helpers import GROUP_EMAIL, days_ago, last_link, stale_listing

pytestmark = pytest.mark.django_db


def revisions_of(page):
    return Revision.objects.for_instance(page).count()


def reload(page):
    return ListingPage.objects.get(pk=page.pk)


def test_a_stale_listing_gets_one_reminder_per_period(directory):
    page = stale_listing(directory, title="ひよこサロン")
    assert freshness.send_reminders() == (1, 0)
    [message] = mail.outbox
    assert message.to == [GROUP_EMAIL]
    assert "ひよこサロン" in message.subject
    assert "/listing-update/" in message.body
    assert FreshnessReminder.objects.get().page_id == page.pk
    assert freshness.send_reminders() == (0, 0)  # the next day: nothing
    assert len(mail.outbox) == 1
    # a period later, still stale and unanswered: asked again
    FreshnessReminder.objects.update(sent_at=timezone.now() - relativedelta(months=6, days=1))
    assert freshness.send_reminders() == (1, 0)


def test_only_live_stale_listings_with_an_address_are_asked(directory):
    stale_listing(directory, months=5)  # verified five months ago: not yet
    stale_listing(directory, email="")  # no address
    stale_listing(directory, live=False)  # not published
    due = stale_listing(directory, months=6)  # exactly six months: due
    never = stale_listing(directory, months=None, email="never@x.invalid")
    out = io.StringIO()
    call_command("send_freshness_reminders", stdout=out)
    assert "2 sent, 0 failed" in out.getvalue()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([GROUP_EMAIL, "never@x.invalid"])
    assert set(FreshnessReminder.objects.values_list("page_id", flat=True)) == {due.pk, never.pk}


def test_still_right_sets_last_verified_without_a_revision(client, directory):
    page = stale_listing(directory, title="ひよこサロン")
    freshness.send_reminders()
    link = last_link()
    shown = client.get(link)
    assert shown.status_code == 200
    body = shown.content.decode()
    assert "ひよこサロン" in body and "100円" in body and "このままで正しい" in body
    assert shown["X-Robots-Tag"] == "noindex" and "no-store" in shown["Cache-Control"]
    revisions = revisions_of(page)
    answered = client.post(f"{link}confirm/")
    assert answered.status_code == 200
    assert "確認" in answered.content.decode()
    page = reload(page)
    assert page.last_verified == timezone.localdate()
    assert page.live and revisions_of(page) == revisions
    entry = PageLogEntry.objects.get(page=page, action=freshness.VERIFIED_ACTION)
    assert entry.user is None and entry.data["last_verified"] == timezone.localdate().isoformat()
    assert freshness.send_reminders() == (0, 0)
    # the link worked once
    for again in (client.get(link), client.post(f"{link}confirm/"), client.post(f"{link}changes/", {"note": "x"})):
        assert again.status_code == 410
        assert "すでに使われています" in again.content.decode()


def test_changes_become_a_draft_revision_and_nothing_is_published(client, directory):
    page = stale_listing(directory, min_age_months=0, max_age_months=11)
    before = reload(page)
    freshness.send_reminders()
    link = last_link()
    form = client.get(f"{link}changes/")
    assert form.status_code == 200 and 'value="100円"' in form.content.decode()
    sent = client.post(
        f"{link}changes/",
        {
            "min_age_months": "0",
            "max_age_months": "23",
            "fee": "200円",
            "booking_info": "",
            "phone": "045-111-2222",
            "website": "",
            "hours": "火曜 10:00–12:00",
            "note": "4月から2歳まで",
        },
    )
    assert sent.status_code == 200, sent.content.decode()
    live = reload(page)
    for name in ("fee", "max_age_months", "phone", "last_verified", "live_revision_id", "live"):
        assert getattr(live, name) == getattr(before, name), name  # the listing stays live as it was
    assert live.has_unpublished_changes
    draft = live.get_latest_revision_as_object()
    assert (draft.fee, draft.max_age_months, draft.phone) == ("200円", 23, "045-111-2222")
    assert draft.last_verified == timezone.localdate()
    reminder = FreshnessReminder.objects.get()
    assert reminder.answer == "changes" and reminder.revision_id == live.latest_revision_id
    assert (reminder.hours, reminder.note) == ("火曜 10:00–12:00", "4月から2歳まで")
    assert list(freshness.pending_updates()) == [reminder]
    assert PageLogEntry.objects.filter(page=page, action=freshness.UPDATE_ACTION).count() == 1
    assert client.post(f"{link}changes/", {"note": "again"}).status_code == 410
    assert Revision.objects.for_instance(page).count() == 1
    # publishing the draft deals with the update
    live.get_latest_revision().publish()
    assert not freshness.pending_updates().exists()
    assert reload(page).fee == "200円"


def test_changes_keep_an_editors_unpublished_draft(client, directory):
    page = stale_listing(directory, title="ひよこサロン")
    page.title = "ひよこサロン（編集中）"
    page.save_revision()
    freshness.send_reminders()
    assert client.post(f"{last_link()}changes/", {"fee": "300円", "hours": "火曜 10:00–11:30"}).status_code == 200
    draft = reload(page).get_latest_revision_as_object()
    assert (draft.title, draft.fee) == ("ひよこサロン（編集中）", "300円")
    assert reload(page).title == "ひよこサロン"


def test_a_form_without_any_change_is_refused(client, directory):
    page = stale_listing(directory)
    freshness.send_reminders()
    link = last_link()
    unchanged = {"fee": "100円", "hours": "火曜 10:00–11:30", "note": "  "}
    response = client.post(f"{link}changes/", unchanged)
    assert response.status_code == 400
    assert "変更がありません" in response.content.decode()
    bad_ages = client.post(f"{link}changes/", {"min_age_months": "24", "max_age_months": "12", "fee": "1円"})
    assert bad_ages.status_code == 400
    assert FreshnessReminder.objects.get().used_at is None and revisions_of(page) == 0
    assert client.get(link).status_code == 200  # still usable


def test_links_expire_after_thirty_days(client, directory):
    page = stale_listing(directory)
    freshness.send_reminders()
    reminder = FreshnessReminder.objects.get()
    old = f"/listing-update/{freshness.token_for(reminder, signed_at=days_ago(31))}/"
    for response in (client.get(old), client.post(f"{old}confirm/"), client.post(f"{old}changes/", {"note": "x"})):
        assert response.status_code == 410
        assert "有効期限" in response.content.decode()
    assert reload(page).last_verified == page.last_verified and revisions_of(page) == 0
    recent = f"/listing-update/{freshness.token_for(reminder, signed_at=days_ago(29))}/"
    assert client.get(recent).status_code == 200


@pytest.mark.parametrize(
    "token",
    [
        "nonsense",
        "eyJyIjoxLCJuIjoiYSJ9:1a2b3c:forged",
        signing.dumps({"r": 1, "n": "x"}, salt="another.salt"),
        signing.TimestampSigner(salt=freshness.SALT).sign_object([1, 2]),
        signing.TimestampSigner(salt=freshness.SALT).sign_object({"r": "1", "n": 2}),
        "x" * 400,
    ],
)
def test_bad_links_get_a_clear_page(client, directory, token):
    stale_listing(directory)
    freshness.send_reminders()
    for response in (client.get(f"/listing-update/{token}/"), client.post(f"/listing-update/{token}/confirm/")):
        assert response.status_code == 400
        assert "このリンクは使えません" in response.content.decode()
    assert FreshnessReminder.objects.get().used_at is None


def test_a_link_with_the_wrong_nonce_or_to_an_unpublished_listing(client, directory):
    page = stale_listing(directory)
    freshness.send_reminders()
    reminder = FreshnessReminder.objects.get()
    forged = signing.TimestampSigner(salt=freshness.SALT).sign_object({"r": reminder.pk, "n": "0" * 32})
    assert client.get(f"/listing-update/{forged}/").status_code == 400
    page.unpublish()
    assert client.post(f"{last_link()}confirm/").status_code == 410
    assert reload(page).last_verified == page.last_verified


def test_the_answer_needs_the_csrf_token(directory):
    page = stale_listing(directory)
    freshness.send_reminders()
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(f"{last_link()}confirm/").status_code == 403
    assert strict.post(f"{last_link()}changes/", {"fee": "0円"}).status_code == 403
    assert reload(page).last_verified == page.last_verified
    assert FreshnessReminder.objects.get().used_at is None


@override_settings(RATELIMIT_ENABLED=True)
def test_the_link_pages_are_rate_limited(client, directory):
    stale_listing(directory)
    freshness.send_reminders()
    for _ in range(20):
        assert client.get(last_link(), REMOTE_ADDR="10.9.9.9").status_code == 200
    assert client.get(last_link(), REMOTE_ADDR="10.9.9.9").status_code == 429


class FailingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("no mail server")


@override_settings(EMAIL_BACKEND="tests.resources_directory.test_freshness.FailingBackend")
def test_a_failed_e_mail_is_logged_without_the_address_and_tried_again(directory, caplog):
    page = stale_listing(directory)
    with caplog.at_level(logging.ERROR, logger="resources_directory.freshness"):
        assert freshness.send_reminders() == (0, 1)
    assert f"listing {page.pk}" in caplog.text
    assert GROUP_EMAIL not in caplog.text
    assert not FreshnessReminder.objects.exists()  # tomorrow's run asks again
