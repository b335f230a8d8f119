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
    page.get_by_label(ja("Language")).select_option("en")
    page.get_by_role("button", name=ja("Change")).click()
    page.wait_for_load_state()
    assert page.get_attribute("html", "lang") == "en"
    assert page.url.endswith("/about/")
    expect(page.get_by_label("Search this site")).to_be_visible()
