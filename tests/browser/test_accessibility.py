"""axe-core (WCAG 2.1 A/AA) on every public page type, on desktop and phone; nothing fetched from elsewhere."""

import pytest

from tests.browser.pages import public_urls

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("mobile", [False, True], ids=["desktop", "phone"])
def test_every_public_page_type_has_no_axe_violations(browser, axe_check, mobile):
    page = browser.page(mobile=mobile)
    foreign = []
    page.on(
        "request", lambda request: foreign.append(request.url) if not request.url.startswith(browser.base_url) else None
    )
    checked = []
    for label, path in public_urls():
        response = page.goto(path)
        assert response.status in (200, 404), f"{label} {path}: HTTP {response.status}"
        assert page.get_attribute("html", "lang") in ("ja", "en")
        assert page.locator("main h1").count() == 1, f"{label} {path}: one h1 inside main"
        axe_check(page, f"{label} {path}")
        if mobile:
            overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{label} {path}: {overflow}px wider than the phone screen"
        checked.append(label)
    assert foreign == [], "the pages fetched something from outside the site"
    assert {"HomePage", "StandardPage", "search results", "not found"} <= set(checked)
