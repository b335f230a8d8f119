"""The admin import of an evaluation in the browser: upload → preview → confirm → draft, and a refused file."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.browser.helpers import ja

pytestmark = pytest.mark.browser

WEB_VERSION = Path(settings.BASE_DIR) / "tests" / "goals" / "forms" / "web_r4.txt"


def test_an_editor_previews_the_web_version_then_imports_it_as_a_draft(staff_browser, staff_users, tmp_path):
    from goals.models import EvaluationPage

    EvaluationPage.objects.filter(ward="港南区", fiscal_year=2022).delete()  # the demo's FY2022 document
    browser = staff_browser
    editor = browser.log_in(browser.context(), staff_users["editor"]).new_page()
    editor.goto("/admin/goals/import/")
    editor.locator("input[type=file]").set_input_files(str(WEB_VERSION))
    editor.get_by_role("button", name=ja("Preview the import")).click()

    expect(editor.get_by_role("heading", name=ja("Check the import"))).to_be_visible()
    main = editor.locator("main")
    expect(main).to_contain_text("妊娠期の家庭が出産後の子育てをより安心して")  # a goal
    expect(main).to_contain_text("地域の子育てサロンを紹介した家庭の多くが")  # its results
    expect(main).to_contain_text("(2019-03-22・1440KB)")  # a line left out, listed
    expect(main).to_contain_text("次年度重点目標")  # a missing section, named
    assert not EvaluationPage.objects.filter(ward="港南区", fiscal_year=2022).exists()  # nothing saved yet

    editor.get_by_role("button", name=ja("Import as draft")).click()
    editor.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    page = EvaluationPage.objects.get(ward="港南区", fiscal_year=2022)
    assert not page.live and page.evaluated_goals.count() == 2
    # What is missing, named on the edit screen.
    expect(editor.locator("body")).to_contain_text(page.completeness_problems()[0])


def test_a_file_that_is_not_an_evaluation_is_refused_with_its_line(staff_browser, staff_users, tmp_path):
    from goals.models import EvaluationPage

    before = EvaluationPage.objects.count()
    news = tmp_path / "news.txt"
    text = "ホーム\nお知らせ\n令和4年度の講座を開きます。\n会場は区役所です。\n申し込みは電話で。\n"
    news.write_text(text, encoding="utf-8")
    browser = staff_browser
    editor = browser.log_in(browser.context(), staff_users["editor"]).new_page()
    editor.goto("/admin/goals/import/")
    editor.locator("input[type=file]").set_input_files(str(news))
    editor.get_by_role("button", name=ja("Preview the import")).click()
    expect(editor.locator("main")).to_contain_text("4行目")
    expect(editor.locator("main")).to_contain_text("見出し")
    expect(editor.get_by_role("button", name=ja("Import as draft"))).to_have_count(0)
    assert EvaluationPage.objects.count() == before
