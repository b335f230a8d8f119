"""A family books on /book/<key>/ and follows its booking on /booking/<token>/: plain forms, clear errors (400,
nothing saved), the waiting list, cancelling, a clear 404 for a bad link; and nothing about the family in a
cache, a log or an error report; the form is rate-limited and has a honeypot."""

import logging
import re

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

from bookings import services
from bookings.models import Booking
from tests.bookings.conftest import TSUBASA, TSUBASA_HOST, bookable_session, make_hub
from tests.home.test_page_cache import page_cache, stored_pages  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

FORM = {"name": "山田 花子", "contact": "hanako@example.jp", "child_age_months": "4", "adults": "1", "children": "1"}


def text(response):
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_the_form_has_labels_help_and_no_visible_honeypot(client, bookable):
    date = bookable()
    response = client.get(f"/book/{date.key}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and response["X-Robots-Tag"] == "noindex"
    for label in ("名前", "メールアドレスまたは電話番号", "お子さんの月齢", "大人の人数", "子どもの人数"):
        assert re.search(rf'<label for="id_\w+">{label}</label>', html), label
    assert 'aria-describedby="id_contact_helptext"' in html and 'id="id_contact_helptext"' in html
    assert '<option value="expecting">妊娠中</option>' in html
    assert "残り" in text(response) and "3席（定員3席）" in text(response)
    honeypot = re.search(r'<div class="honeypot" aria-hidden="true">.*?</div>', html, re.S)[0]
    assert 'tabindex="-1"' in honeypot and 'name="website"' in honeypot
    assert "開催日の30日後に削除します" in text(response)


def test_booking_then_status_then_cancel(client, bookable):
    date = bookable(capacity=1, waitlist_size=1)
    response = client.post(f"/book/{date.key}/", FORM)
    booking = Booking.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/booking/{booking.token}/"
    status = client.get(response["Location"])
    assert status.status_code == 200 and "no-store" in status["Cache-Control"]
    assert "<h1>予約が確定しました</h1>" in status.content.decode()
    assert "山田 花子" in text(status) and "4か月" in text(status) and "沐浴体験" in text(status)
    assert status["Referrer-Policy"] == "same-origin"  # the address (its secret) never goes to another site

    second = client.post(f"/book/{date.key}/", {**FORM, "name": "佐藤 一郎", "child_age_months": "expecting"})
    waiting = Booking.objects.get(name="佐藤 一郎")
    assert waiting.status == "waitlisted" and waiting.child_age_months is None
    assert "<h1>キャンセル待ちに登録しました</h1>" in client.get(second["Location"]).content.decode()

    cancelled = client.post(f"/booking/{booking.token}/cancel/")
    assert cancelled.status_code == 302 and cancelled["Location"] == f"/booking/{booking.token}/"
    page = client.get(cancelled["Location"])
    assert "<h1>この予約はキャンセルされました</h1>" in page.content.decode()
    assert "予約をキャンセルする" not in text(page)
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"  # the waiting family moved up
    assert client.post(f"/booking/{booking.token}/cancel/").status_code == 302  # twice is harmless
    assert client.get(f"/booking/{booking.token}/cancel/").status_code == 405


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"name": "  "}, "name", "この項目は必須です"),
        ({"contact": "hanako@"}, "contact", "メールアドレスが正しくありません。"),
        ({"contact": "12345"}, "contact", "メールアドレスか電話番号（10〜15桁）を入力してください。"),
        ({"child_age_months": "999"}, "child_age_months", "正しく選択してください"),
        ({"adults": "0"}, "adults", "正しく選択してください"),
    ],
)
def test_a_bad_field_gives_400_with_its_message_linked_and_nothing_saved(client, bookable, changes, field, message):
    date = bookable()
    response = client.post(f"/book/{date.key}/", {**FORM, **changes})
    html = response.content.decode()
    assert response.status_code == 400 and Booking.objects.count() == 0
    assert message in html
    error = re.search(rf'<p class="field-error" id="id_{field}_error">(.*?)</p>', html)
    assert error and message in error[1]
    widget = re.search(rf'<(?:input|select)[^>]*id="id_{field}"[^>]*>', html)[0]
    assert "id_" + field + "_error" in re.search(r'aria-describedby="([^"]*)"', widget)[1]
    assert 'aria-invalid="true"' in widget
    assert f'href="#id_{field}"' in html  # the summary at the top links to the field
    assert 'value="山田 花子"' in html or field == "name"  # what was typed is kept


def test_the_age_rule_refuses_on_the_age_field(client, bookable):
    date = bookable(min_age_months=6, max_age_months=12)
    response = client.post(f"/book/{date.key}/", FORM)
    assert response.status_code == 400 and Booking.objects.count() == 0
    assert "この回は月齢6〜12か月のお子さんが対象です。" in text(response)


def test_a_filled_honeypot_is_refused_with_400_and_nothing_saved(client, bookable):
    date = bookable()
    response = client.post(f"/book/{date.key}/", {**FORM, "website": "http://spam.example"})
    assert response.status_code == 400 and Booking.objects.count() == 0
    assert "予約を送信できませんでした。もう一度お試しください。" in text(response)


def test_full_closed_and_cancelled_dates_show_why_and_no_form(client, bookable):
    full = bookable(capacity=1, waitlist_size=0)
    services.book(full, name="家族", contact="0451234567")
    response = client.get(f"/book/{full.key}/")
    assert (
        "この回は満員です。" in text(response)
        and '<form method="post" class="booking-form"' not in response.content.decode()
    )
    refused = client.post(f"/book/{full.key}/", FORM)
    assert refused.status_code == 400 and Booking.objects.count() == 1

    later = bookable(days_ahead=30, booking_opens_days=10)
    assert "予約の受付は" in text(client.get(f"/book/{later.key}/"))
    assert client.post(f"/book/{later.key}/", FORM).status_code == 400

    called_off = bookable(days_ahead=9)
    services.cancel_session_date(called_off, "講師の都合により")
    assert "この回は中止になりました。 講師の都合により" in text(client.get(f"/book/{called_off.key}/"))


def test_a_bad_or_deleted_link_gives_a_clear_404(client, bookable):
    booking = services.book(bookable(), name="家族", contact="0451234567")
    token = booking.token
    for bad in (token[:-3], "1:abc", "abc", f"{booking.pk + 1}:{token.split(':')[1]}"):
        response = client.get(f"/booking/{bad}/")
        assert response.status_code == 404 and "<h1>予約が見つかりません</h1>" in response.content.decode()
        assert client.post(f"/booking/{bad}/cancel/").status_code == 404
    booking.delete()  # deleted after the session (retention)
    gone = client.get(f"/booking/{token}/")
    assert gone.status_code == 404 and "開催後に予約の情報が削除された" in text(gone)
    assert "no-store" in gone["Cache-Control"]
    assert client.get("/book/nonsense/").status_code == 404


def test_another_hubs_date_is_not_bookable_on_this_hubs_address(client, home):
    other = make_hub(**TSUBASA)
    _page, session = bookable_session(other.get_children().get(slug="programs").specific)
    key = f"{session.pk}-{session.date:%Y%m%d}"
    assert client.get(f"/book/{key}/").status_code == 404
    assert client.get(f"/book/{key}/", **TSUBASA_HOST).status_code == 200


def test_booking_pages_are_never_stored_in_the_page_cache(client, bookable, page_cache):  # noqa: F811
    date = bookable()
    client.get(f"/book/{date.key}/")
    response = client.post(f"/book/{date.key}/", FORM)
    client.get(response["Location"])
    client.get(response["Location"])
    assert not any("山田 花子" in page or "booking-form" in page for page in stored_pages(page_cache))


def test_the_familys_details_reach_no_log_and_no_error_report(client, bookable, caplog):
    date = bookable()
    caplog.set_level(logging.DEBUG)
    ok = client.post(f"/book/{date.key}/", FORM)
    bad = client.post(f"/book/{date.key}/", {**FORM, "contact": "hanako@"})
    client.get(ok["Location"])
    assert bad.status_code == 400
    assert caplog.records, "the request was logged (the 400)"
    for secret in ("山田", "花子", "hanako@example.jp", "hanako@"):
        assert secret not in caplog.text

    report_filter = SafeExceptionReporterFilter()
    posted = report_filter.get_post_parameters(bad.wsgi_request)
    assert {posted[key] for key in ("name", "contact", "child_age_months")} == {report_filter.cleansed_substitute}
    report = ExceptionReporter(bad.wsgi_request, ValueError, ValueError("boom"), None).get_traceback_text()
    assert "山田" not in report and "hanako@" not in report


@pytest.fixture
def rate_limit_cache():
    cache.clear()
    yield
    cache.clear()


@override_settings(RATELIMIT_ENABLED=True)
def test_the_booking_form_is_rate_limited_per_address(client, bookable, rate_limit_cache, settings):
    date = bookable()
    limit = dict(settings.RATELIMIT_RULES)["/book/"]
    for _ in range(limit):
        assert client.get(f"/book/{date.key}/", REMOTE_ADDR="10.9.9.9").status_code == 200
    limited = client.post(f"/book/{date.key}/", FORM, REMOTE_ADDR="10.9.9.9")
    assert limited.status_code == 429 and "Retry-After" in limited
    assert Booking.objects.count() == 0
    assert client.get(f"/book/{date.key}/", REMOTE_ADDR="10.9.9.10").status_code == 200
