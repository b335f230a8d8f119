"""The site in other languages passes axe: an English and a Chinese page of the demo (translated home pages and a
listing), and a page shown in Japanese with the notice under /en/ (mixed lang attributes)."""

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["/en/", "/zh-hans/", "/en/about/", "/zh-hans/directory/", "/ja-easy/umaretara/"])
def test_other_languages_have_no_axe_violations(browser, axe_check, path):
    page = browser.page()
    page.goto(path)
    assert page.get_attribute("html", "lang") in {"en", "zh-Hans", "ja-x-easy"}
    axe_check(page, path)
