"""Keyboard only: the skip link comes first and works, focus is always visible, search works without a mouse."""

import pytest

from tests.browser.helpers import ja

pytestmark = pytest.mark.browser

FOCUS_STYLE = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return {tag: el.tagName, id: el.id, text: (el.textContent || '').trim().slice(0, 40),
            outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
            shadow: style.boxShadow !== 'none',
            visible: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
                     && box.top < window.innerHeight && box.left < window.innerWidth};
}"""


def focused(page):
    return page.evaluate(FOCUS_STYLE)


def test_skip_link_is_first_and_moves_focus_to_main(browser):
    page = browser.page()
    page.goto("/")
    page.keyboard.press("Tab")
    first = focused(page)
    assert first["tag"] == "A" and first["text"] == ja("Skip to main content"), first
    assert first["visible"] and first["outline"], "the focused skip link must be on screen with a focus outline"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    assert page.url.endswith("#main")


def test_focus_is_visible_on_every_stop_of_the_home_page(browser):
    page = browser.page()
    page.goto("/")
    stops = []
    for _ in range(40):
        page.keyboard.press("Tab")
        state = focused(page)
        if state["tag"] == "BODY" or (stops and state == stops[0]):
            break
        assert state["visible"], f"focused element off screen: {state}"
        assert state["outline"] or state["shadow"], f"no visible focus indicator: {state}"
        stops.append(state)
    assert len(stops) >= 5  # skip link, site name, menu, search box and button, ...


def test_site_search_by_keyboard_only(browser):
    page = browser.page()
    page.goto("/")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "site-search-q":
            break
    else:
        pytest.fail("the search box cannot be reached with Tab")
    page.keyboard.type("はっち")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert page.locator(".search-results li").count() >= 1
    first_result = page.locator(".search-results a").first
    first_result.focus()
    title = first_result.inner_text()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.locator("main h1").inner_text() == title
