"""The issue's journeys, end to end in Chromium: a parent on a phone, a parent without JavaScript, a parent
searching in hiragana, an editor publishing a program, and the evaluation approval workflow."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import Site

from tests.browser.helpers import admin_action, ja, refused

pytestmark = pytest.mark.browser

HOME_COORDINATES = {"latitude": 35.3921, "longitude": 139.5862}  # 港南中央通, the demo ward


def distances_km(page):
    """The distance shown for each place in the result list, in order."""
    label = ja("Distance")
    return page.evaluate(
        """(label) => Array.from(document.querySelectorAll('.listings .listing')).map(item => {
            const dt = Array.from(item.querySelectorAll('dt')).find(el => el.textContent.trim() === label);
            return dt ? parseFloat(dt.nextElementSibling.textContent.replace(/[^0-9.]/g, '')) : null;
        })""",
        label,
    )


def test_parent_on_a_phone_finds_places_near_home_and_adds_a_program_to_her_calendar(browser, axe_check):
    context = browser.context(mobile=True, geolocation=HOME_COORDINATES, permissions=["geolocation"])
    page = context.new_page()
    page.goto("/umaretara/")
    axe_check(page, "生まれたら, empty")
    birth_date = (timezone.localdate() - timedelta(days=75)).isoformat()
    page.get_by_label(ja("Baby's birth date or due date")).fill(birth_date)

    with page.expect_response(lambda r: r.request.method == "POST" and "/umaretara/" in r.url) as answer:
        page.get_by_role("button", name=ja("Use my location")).click()
    response = answer.value
    assert response.status == 200
    assert "no-store" in response.headers.get("cache-control", "")
    expect(page.locator("#places-heading")).to_be_visible()
    # The birth date and the position went by POST: not in the address, not in the history.
    assert birth_date not in page.url and "35.39" not in page.url

    distances = distances_km(page)
    assert distances and None not in distances, "each place shows its distance"
    assert distances == sorted(distances), f"nearest first: {distances}"
    axe_check(page, "生まれたら, results")

    programs = page.locator("section[aria-labelledby=programs-heading] a")
    expect(programs.first).to_be_visible()
    program_url = programs.first.get_attribute("href")

    first_place = page.locator(".listings .listing__name a").first
    name = first_place.inner_text()
    first_place.click()
    expect(page.locator("main h1")).to_have_text(name)

    page.goto(program_url)
    ical = page.get_by_role("link", name=ja("Add to my calendar (iCal)"))
    feed = context.request.get(ical.get_attribute("href"))
    assert feed.status == 200
    assert feed.headers["content-type"].startswith("text/calendar")
    assert "BEGIN:VEVENT" in feed.text()
    context.request.dispose()


def test_directory_search_without_javascript(browser):
    page = browser.page(javascript=False)
    page.goto("/directory/")
    expect(page.get_by_role("button", name=ja("Use my location"))).to_be_hidden()
    page.get_by_label(ja("Postal code")).fill("2330004")
    page.get_by_label(ja("Child's age in months")).fill("3")
    page.locator("#directory-search").get_by_role("button", name=ja("Search"), exact=True).click()
    page.wait_for_load_state()
    expect(page.locator("#results-heading")).to_be_visible()
    distances = distances_km(page)
    assert distances and distances == sorted(distances)
    assert page.get_by_label(ja("Postal code")).input_value() == "2330004"

    # After a search the filters are folded under their summary (a <details>, no script needed): open it.
    page.locator("#directory-search details summary").click()
    # Out-of-range input is stopped by the browser itself (HTML constraints, no script needed).
    age = page.get_by_label(ja("Child's age in months"))
    age.fill("999")
    assert age.evaluate("el => el.validity.valid") is False


def test_site_search_in_hiragana_finds_the_page_written_in_kanji(browser):
    page = browser.page(mobile=True)
    page.goto("/")
    page.get_by_label(ja("Search this site")).fill("じゅにゅうしつ")
    page.get_by_label(ja("Search this site")).press("Enter")
    page.wait_for_url("**/search/?q=*")
    result = page.locator(".search-results a", has_text="はっちについて")
    expect(result).to_be_visible()
    result.click()
    expect(page.locator("main")).to_contain_text("授乳室")


# --- staff ---


def test_editor_publishes_a_program_with_a_weekly_session(staff_browser, staff_users):
    browser = staff_browser
    from home.models import ProgramIndexPage

    programs = ProgramIndexPage.objects.live().descendant_of(Site.objects.get(is_default_site=True).root_page).get()
    context = browser.log_in(browser.context(), staff_users["editor"])
    page = context.new_page()
    page.goto(f"/admin/pages/add/home/programpage/{programs.pk}/")
    assert page.get_attribute("html", "lang") == "ja"
    start = timezone.localdate() + timedelta(days=1)
    page.locator("#id_title").fill("ベビーマッサージ教室")
    page.locator("#id_summary").fill("毎週のベビーマッサージ。")
    page.locator("#id_business_area").select_option(index=1)
    page.locator("input[name=life_stages]").first.check()
    page.locator("#id_sessions-0-frequency").select_option("weekly")
    page.locator("#id_sessions-0-date").fill(start.isoformat())
    page.locator("#id_sessions-0-start_time").fill("10:00")
    page.locator("#id_sessions-0-end_time").fill("11:30")
    page.locator("#id_sessions-0-weekday").select_option(str(start.weekday()))
    page.locator("#id_sessions-0-until").fill((start + timedelta(days=60)).isoformat())
    page.keyboard.press("Escape")  # close a date picker left open
    admin_action(page, "action-publish")
    page.wait_for_url(re.compile(r"/admin/pages/\d+/"))
    expect(page.locator(".messages")).to_contain_text("ベビーマッサージ教室")

    public = browser.page()
    public.goto("/programs/")
    expect(public.locator("main").get_by_role("link", name="ベビーマッサージ教室").first).to_be_visible()
    public.locator("main").get_by_role("link", name="ベビーマッサージ教室").first.click()
    ical_url = public.get_by_role("link", name=ja("Add to my calendar (iCal)")).get_attribute("href")
    feed = public.context.request.get(ical_url)
    assert feed.headers["content-type"].startswith("text/calendar")
    body = feed.text().replace("\r\n ", "")
    assert "ベビーマッサージ教室" in body
    assert "RRULE:FREQ=WEEKLY" in body or body.count("BEGIN:VEVENT") >= 8
    agenda_feed = public.context.request.get("/programs/calendar.ics")
    assert "ベビーマッサージ教室" in agenda_feed.text().replace("\r\n ", "")


SAMPLE = Path(settings.BASE_DIR) / "goals" / "samples" / "konan_2021.txt"


def test_evaluation_goes_through_review_and_approval_before_it_is_live(staff_browser, staff_users):
    browser = staff_browser
    from goals.models import EvaluationPage

    EvaluationPage.objects.filter(ward="港南区").delete()  # the demo has published the sample
    roles = {role: browser.log_in(browser.context(), user) for role, user in staff_users.items()}
    pages = {role: context.new_page() for role, context in roles.items()}

    editor = pages["editor"]
    editor.goto("/admin/goals/import/")
    editor.locator("input[type=file]").set_input_files(str(SAMPLE))
    editor.locator("main form button[type=submit], main form input[type=submit]").first.click()
    editor.get_by_role("button", name=ja("Import as draft")).click()  # after the preview
    editor.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    evaluation = EvaluationPage.objects.get(ward="港南区", fiscal_year=2021)
    edit_url = f"/admin/pages/{evaluation.pk}/edit/"
    public_url = evaluation.url
    assert browser.page().goto(public_url).status == 404  # a draft is not public

    admin_action(editor, "action-submit")
    evaluation.refresh_from_db()
    task_state = evaluation.current_workflow_task_state
    assert task_state is not None and task_state.task.name.startswith("区の確認")

    # The editor and the manager cannot act on the ward's task: no button, and the URL is refused.
    approve_url = f"/admin/pages/{evaluation.pk}/workflow/action/approve/{task_state.pk}/"
    for role in ("editor", "manager"):
        pages[role].goto(edit_url, wait_until="domcontentloaded")  # the buttons are server-rendered
        expect(pages[role].locator("[data-workflow-action-name=approve]")).to_have_count(0)
        assert refused(roles[role], approve_url, edit_url)

    reviewer = pages["reviewer"]
    reviewer.goto(edit_url)
    admin_action(reviewer, "reject", navigates=False)
    dialog = reviewer.get_by_role("dialog")
    dialog.locator("textarea").fill("事業目的の誤字を直してください。")
    with reviewer.expect_navigation():
        dialog.get_by_role("button", name=ja("Request changes")).click()
    evaluation.refresh_from_db()
    assert evaluation.current_workflow_state.status == "needs_changes"

    editor.goto(edit_url)
    expect(editor.locator("body")).to_contain_text("事業目的の誤字を直してください。")
    admin_action(editor, "action-submit")  # resubmit
    evaluation.refresh_from_db()
    task_state = evaluation.current_workflow_task_state
    assert task_state.task.name.startswith("区の確認")

    reviewer.goto(edit_url)
    admin_action(reviewer, "approve")
    evaluation.refresh_from_db()
    task_state = evaluation.current_workflow_task_state
    assert task_state.task.name.startswith("管理者")
    approve_url = f"/admin/pages/{evaluation.pk}/workflow/action/approve/{task_state.pk}/"
    for role in ("editor", "reviewer"):
        pages[role].goto(edit_url, wait_until="domcontentloaded")  # the buttons are server-rendered
        expect(pages[role].locator("[data-workflow-action-name=approve]")).to_have_count(0)
        assert refused(roles[role], approve_url, edit_url)
    assert browser.page().goto(public_url).status == 404

    manager = pages["manager"]
    manager.goto(edit_url)
    admin_action(manager, "approve")
    evaluation.refresh_from_db()
    assert evaluation.live
    visitor = browser.page()
    assert visitor.goto(public_url).status == 200
    expect(visitor.locator("main h1")).to_contain_text("令和3年度")
