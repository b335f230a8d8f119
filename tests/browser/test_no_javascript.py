"""With JavaScript switched off, every form a parent uses still works (plain HTML forms, server-rendered)."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import ja

pytestmark = pytest.mark.browser


def test_site_search_without_javascript(browser):
    page = browser.page(javascript=False)
    page.goto("/")
    page.get_by_label(ja("Search this site")).fill("はっち")
    page.get_by_role("button", name=ja("Search"), exact=True).click()
    page.wait_for_url("**/search/?q=*")
    assert "はっち" in page.locator("[role=status]").inner_text()
    assert page.locator(".search-results li").count() >= 1


def test_language_switch_without_javascript(browser):
    page = browser.page(javascript=False)
    page.goto("/about/")
    assert page.get_attribute("html", "lang") == "ja"
    switcher = page.get_by_role("navigation", name=ja("Language"))
    switcher.locator("summary").click()  # the list of languages is folded (<details>: no JavaScript needed)
    switcher.get_by_role("link", name="English").click()
    page.wait_for_load_state()
    assert page.get_attribute("html", "lang") == "en"
    assert page.url.endswith("/en/about/")  # the same page, in English (or in Japanese with a notice)
    expect(page.get_by_label("Search this site")).to_be_visible()


def test_phone_without_javascript_sees_the_first_result_without_scrolling_past_the_form(browser):
    """360×640, no JavaScript: a hiragana keyword finds the parks written in kanji, the first card is on the first
    screen (the filters are folded), and the folded filters' summary names the filters that are on."""
    page = browser.page(javascript=False, viewport={"width": 360, "height": 640})
    page.goto("/directory/?amenity=parking")
    page.get_by_label(ja("Keyword")).fill("こうえん")
    page.locator("#directory-search").get_by_role("button", name=ja("Search"), exact=True).click()
    page.wait_for_url("**/directory/?*q=*")
    first = page.locator(".listings .listing").first
    box = first.bounding_box()
    assert box is not None and box["y"] < 640, f"first result card starts at y={box and box['y']}"
    assert "公園" in first.locator(".listing__name").inner_text()
    summary = page.locator("#directory-search details summary")
    assert page.locator("#directory-search details").get_attribute("open") is None
    assert summary.inner_text().strip() == ja("Filters: %(filters)s") % {"filters": ja("Parking")}
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{overflow}px wider than the phone screen"
