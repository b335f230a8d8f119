"""A parent books a place on a 360 px phone with JavaScript off, sees the places left go down, and cancels from
her status page; axe-core (WCAG 2.1 AA) on the program page with places, the booking form (empty and with
errors) and the status page. A fresh demo site: the booking changes data."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import ja

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 640}
PROGRAM = "/programs/baby-massage/"  # the demo's はっち program booked on this site; its second date has 2 places


def second_date(page):
    return page.locator("ul.sessions li.session").nth(1)


def fits_the_phone(page):
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url}: {overflow}px wider than the phone screen"


def test_parent_books_a_place_on_a_phone_without_javascript_and_cancels_it(staff_browser, axe_check):
    page = staff_browser.page(javascript=False, viewport=PHONE)
    # axe-core needs JavaScript: a second phone checks each page the parent sees, at the same address.
    checker = staff_browser.page(viewport=PHONE)

    def accessible(label):
        checker.goto(page.url)
        axe_check(checker, label)

    page.goto(PROGRAM)
    first = page.locator("ul.sessions li.session").first
    expect(first).to_contain_text(ja("Full (waiting list open)"))
    places_left = ja("%(counter)s place left") % {"counter": 2}
    expect(second_date(page)).to_contain_text(places_left)
    expect(page.locator("li.session--cancelled del")).to_have_count(1)
    expect(page.locator("li.session--cancelled")).to_contain_text("中止：講師の体調不良のため（デモ）")
    accessible("program page with places")
    fits_the_phone(page)

    second_date(page).get_by_role("link", name=re.compile(ja("Book"))).click()
    page.wait_for_url("**/book/*/")
    expect(page.locator("main h1")).to_contain_text("ベビーマッサージ")
    accessible("booking form")
    fits_the_phone(page)

    # Sent without a name: the form comes back with the message, tied to the field, nothing booked.
    page.get_by_label(ja("E-mail or phone")).fill("hanako@example.jp")
    page.get_by_label(ja("Child's age")).select_option("4")
    page.get_by_role("button", name=ja("Book a place")).click()
    page.wait_for_load_state()
    name = page.get_by_label(ja("Name"), exact=True)
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#booking-errors")).to_be_visible()
    checker.goto(page.url)
    checker.get_by_role("button", name=ja("Book a place")).click()
    checker.wait_for_load_state()
    expect(checker.locator("#booking-errors")).to_be_visible()
    axe_check(checker, "booking form with errors")

    name.fill("テスト 花子")
    page.get_by_role("button", name=ja("Book a place")).click()
    page.wait_for_url("**/booking/*/")
    expect(page.locator("main h1")).to_have_text(ja("Your place is booked"))
    expect(page.locator("main")).to_contain_text("テスト 花子")
    accessible("status page")
    fits_the_phone(page)
    status_url = page.url

    page.goto(PROGRAM)
    expect(second_date(page)).to_contain_text(ja("%(counter)s place left") % {"counter": 1})

    page.goto(status_url)
    page.get_by_role("button", name=ja("Cancel my booking")).click()
    page.wait_for_url(status_url)
    expect(page.locator("main h1")).to_have_text(ja("This booking is cancelled"))
    expect(page.get_by_role("button", name=ja("Cancel my booking"))).to_have_count(0)
    accessible("cancelled status page")

    page.goto(PROGRAM)
    expect(second_date(page)).to_contain_text(places_left)
