"""The staff's side: the stale listings report and its CSV, the updates from groups, the dashboard panel —
each for the user's own hubs only (role × hub × view)."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from home.hub_setup import create_hub
from resources_directory import freshness
from resources_directory.models import FreshnessReminder
from tests.conftest import log_in, make_city_user, make_staff_user
from tests.resources_directory.freshness_helpers import stale_listing

pytestmark = pytest.mark.django_db

TITLE_A, TITLE_B = "はっちのひよこサロン", "そらのどんぐり広場"
REPORT, UPDATES = "/admin/reports/stale-listings/", "/admin/reports/group-updates/"


@pytest.fixture
def hubs(directory):
    hub_b = create_hub(
        name="つばさ区地域子育て支援拠点 そら", ward="つばさ区", hostname="tsubasa.localhost", slug="tsubasa"
    )
    directory_b = hub_b.site.root_page.get_children().get(slug="directory").specific
    page_a = stale_listing(directory, title=TITLE_A, months=8)
    page_b = stale_listing(directory_b, title=TITLE_B, email="sora@x.invalid")
    stale_listing(directory, title="最近確認した広場", months=1)
    freshness.send_reminders()
    for page in (page_a, page_b):
        reminder = FreshnessReminder.objects.get(page=page)
        freshness.propose_changes(reminder, {"fee": "500円"}, note=f"{page.title}のメモ")
    return {"a": directory.get_parent(), "b": hub_b, "page_a": page_a, "page_b": page_b}


def user_for(who, hubs):
    if who == "city":
        return make_city_user()
    if who == "root":
        return get_user_model().objects.create_superuser("root", "root@x.invalid", "test-password-123")
    role, hub = who.split("-")
    return make_staff_user(role, hub=None if hub == "a" else hubs["b"], username=who)


def text(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8")


SEES = {
    "editor-a": {TITLE_A},
    "manager-a": {TITLE_A},
    "editor-b": {TITLE_B},
    "manager-b": {TITLE_B},
    "root": {TITLE_A, TITLE_B},
}


@pytest.mark.parametrize(
    "who", ["editor-a", "manager-a", "reviewer-a", "editor-b", "manager-b", "reviewer-b", "city", "root"]
)
@pytest.mark.parametrize("url", [REPORT, f"{REPORT}?export=csv", f"{REPORT}results/", UPDATES])
def test_each_hub_sees_only_its_own_listings(client, hubs, who, url):
    log_in(client, user_for(who, hubs))
    response = client.get(url)
    body = text(response)
    shown = {title for title in (TITLE_A, TITLE_B) if title in body}
    if who in SEES:
        assert response.status_code == 200
        assert shown == SEES[who]
    else:  # ward reviewers and City staff keep no directory: Wagtail's "permission denied"
        assert response.status_code == 302 and shown == set()


def test_anonymous_users_are_sent_to_the_login(client, hubs):
    for url in (REPORT, f"{REPORT}?export=csv", UPDATES):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_report_says_how_old_and_when_reminded(client, hubs):
    log_in(client, make_staff_user("editor"))
    body = text(client.get(REPORT))
    assert TITLE_A in body and "8か月" in body and "最近確認した広場" not in body
    assert "団体から更新あり" in body  # the badge of a listing with an update waiting


def test_the_csv_has_a_bom_and_the_figures(client, hubs):
    log_in(client, make_staff_user("editor"))
    response = client.get(REPORT, {"export": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    content = text(response)
    assert content.startswith("\ufeff")
    header, row = content.lstrip("\ufeff").splitlines()[:2]
    assert header.split(",")[:4] == ["掲載", "拠点", "最終確認日", "未確認の月数"]
    assert row.startswith(f"{TITLE_A},港南区地域子育て支援拠点 はっち,")
    assert ",8," in row and timezone.localdate().isoformat() in row and row.endswith("あり,更新あり")


def test_the_dashboard_counts_the_users_hub(client, hubs):
    log_in(client, make_staff_user("editor"))
    body = text(client.get("/admin/"))
    assert "6か月以上確認されていない掲載：1件" in body
    assert "団体からの更新（要確認）：1件" in body
    log_in(client, make_staff_user("reviewer"))
    assert "確認されていない掲載" not in text(client.get("/admin/"))


def test_updates_are_marked_done_only_in_the_users_hub(client, hubs):
    log_in(client, make_staff_user("editor"))
    body = text(client.get(UPDATES))
    assert f"{TITLE_A}のメモ" in body and f"{TITLE_B}のメモ" not in body
    other = FreshnessReminder.objects.get(page=hubs["page_b"])
    assert client.post(f"{UPDATES}{other.pk}/done/").status_code == 404
    own = FreshnessReminder.objects.get(page=hubs["page_a"])
    assert client.get(f"{UPDATES}{own.pk}/done/").status_code == 405
    response = client.post(f"{UPDATES}{own.pk}/done/")
    assert response.status_code == 302
    assert set(freshness.pending_updates()) == {other}
    assert f"{TITLE_A}のメモ" not in text(client.get(UPDATES))


def test_csv_cells_are_never_formulas(client, directory):
    stale_listing(directory, title="=1+2 サロン")
    log_in(client, make_staff_user("editor"))
    content = text(client.get(REPORT, {"export": "csv"}))
    assert "\n'=1+2 サロン," in content and "\n=1+2" not in content
