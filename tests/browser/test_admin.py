"""Staff log into the admin in Japanese through the real login form."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import STAFF_PASSWORD
from tests.browser.helpers import ja

pytestmark = pytest.mark.browser


def test_editor_logs_into_the_japanese_admin(browser, staff_users):
    page = browser.page()
    page.goto("/admin/")
    page.wait_for_url("**/admin/login/**")
    assert page.get_attribute("html", "lang") == "ja"
    labels = page.locator("form label").all_inner_texts()
    assert not [label for label in labels if label.strip().isascii()], f"untranslated labels: {labels}"
    page.get_by_label("ユーザー名").fill("editor")
    page.get_by_label("パスワード").fill("wrong-password")
    page.get_by_role("button", name=ja("Sign in")).click()
    expect(page.get_by_text("パスワードが一致しませんでした")).to_be_visible()

    page.get_by_label("ユーザー名").fill("editor")
    page.get_by_label("パスワード").fill(STAFF_PASSWORD)
    page.get_by_role("button", name=ja("Sign in")).click()
    page.wait_for_url("**/admin/")
    assert page.get_attribute("html", "lang") == "ja"
    assert ja("Dashboard") in page.title()
