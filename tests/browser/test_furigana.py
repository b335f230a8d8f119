"""Furigana in Chromium: ruby pages (home, directory results) pass axe on desktop and phone, fit a 360 px screen, and
the ルビ link turns furigana on and off with JavaScript switched off."""

import pytest

from tests.browser.helpers import ja

pytestmark = pytest.mark.browser

RUBY_PAGES = [
    ("home", "/?furigana=1"),
    ("directory results", "/directory/?postal_code=2330004&age_months=3&furigana=1"),
    ("directory keyword results", "/directory/?q=%E3%81%B2%E3%82%8D%E3%81%B0&furigana=1"),  # ひろば
    ("site search results", "/search/?q=%E3%81%AF%E3%81%A3%E3%81%A1&furigana=1"),  # はっち
]


@pytest.mark.parametrize("mobile", [False, True], ids=["desktop", "phone"])
def test_ruby_pages_have_no_axe_violations(browser, axe_check, mobile):
    page = browser.page(mobile=mobile)
    for label, path in RUBY_PAGES:
        response = page.goto(path)
        assert response.status == 200, label
        assert page.get_attribute("html", "lang") == "ja"
        assert page.locator("main ruby rt").count() >= 3, f"{label}: ruby in the page text"
        assert page.locator("main h1").count() == 1
        axe_check(page, f"ruby {label}")
        if mobile:
            overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{label}: {overflow}px wider than the phone screen"


def test_the_ruby_link_works_without_javascript(browser):
    page = browser.page(javascript=False)
    page.goto("/about/")
    assert page.locator("ruby").count() == 0
    page.get_by_role("link", name=ja("Show furigana")).click()
    page.wait_for_url("**/about/")
    assert page.locator("header ruby").count() >= 1 and page.locator("main ruby").count() >= 1
    page.goto("/directory/")  # remembered (a cookie) on the next page
    assert page.locator("header ruby").count() >= 1
    page.get_by_role("link", name=ja("Hide furigana")).click()
    page.wait_for_url("**/directory/")
    assert page.locator("ruby").count() == 0
