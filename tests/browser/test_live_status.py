"""ひろばスタッフ at work (issue 18): on a 360 px phone with JavaScript off, the hub's floor staff sets 満員です with a
note at /admin/live-status/ and a family sees it on the place's public page (which passes axe-core)."""

from datetime import time

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from home.models import HubSettings
from resources_directory.models import Closure, ListingPage, LiveStatus, OpeningHours
from tests.resources_directory.live_helpers import make_floor_user

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 360, "height": 640}, "javascript": False}


def open_all_day_today(listing):
    """Whatever time the test runs, the place is open now by its hours (a status is shown only then)."""
    OpeningHours.objects.create(
        page=listing, weekday=timezone.localdate().weekday(), week_of_month=0, opens=time(0), closes=time(23, 59, 59)
    )
    Closure.objects.filter(page=listing).delete()
    LiveStatus.objects.filter(listing=listing).delete()


def test_floor_staff_sets_full_on_a_phone_without_javascript_and_families_see_it(staff_browser, axe_check):
    browser = staff_browser
    hub = HubSettings.objects.get(slug="konan")
    listing = ListingPage.objects.descendant_of(hub.site.root_page).get(title="港南区地域子育て支援拠点 はっち")
    open_all_day_today(listing)
    floor = make_floor_user(hub, username="floor-test")

    page = browser.log_in(browser.context(**PHONE), floor).new_page()
    page.goto("/admin/live-status/")
    place = page.locator(f"#place-{listing.pk}")
    expect(place.get_by_role("heading", name="港南区地域子育て支援拠点 はっち")).to_be_visible()
    place.get_by_label("ひとこと（任意）").fill("12時まで入室制限")
    full = place.get_by_role("button", name="満員です", exact=True)
    expect(full).to_be_visible()
    box = full.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360 and box["height"] >= 44  # a large button on the phone
    full.click()
    page.wait_for_url("**/admin/live-status/")
    expect(page.get_by_text("港南区地域子育て支援拠点 はっち：「満員です」にしました。")).to_be_visible()
    expect(page.locator(f"#place-{listing.pk} .live-status")).to_contain_text("満員です")

    family = browser.page(**PHONE)
    family.goto(listing.url)
    status = family.locator("main .live-status")
    expect(status).to_contain_text("満員です")
    expect(status).to_contain_text("12時まで入室制限")
    family.goto(listing.get_parent().url + "?q=支援拠点 はっち")
    expect(family.locator(f"#listing-{listing.pk} .live-status")).to_contain_text("満員です")

    # axe-core runs as a script: on the same pages in a phone with JavaScript on.
    checked = browser.page(mobile=True)
    for url, label in ((listing.url, "listing page"), (listing.get_parent().url + "?q=支援拠点 はっち", "card")):
        checked.goto(url)
        expect(checked.locator("main .live-status").first).to_contain_text("満員です")
        axe_check(checked, f"{label} with a live status")
