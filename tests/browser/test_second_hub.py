"""The second demo hub's staff at work in Chromium (issue 16): つばさ区's editor works in her hub's pages only,
and its reviewer reviews her ward's evaluation without seeing the other ward's tasks."""

import re

import pytest
from playwright.sync_api import expect
from wagtail.models import Page, Revision

from goals.models import EvaluationPage
from home.models import HubSettings
from resources_directory.models import ListingPage
from tests.browser.helpers import admin_action, ja, refused

pytestmark = pytest.mark.browser


def hub_page_ids(hub):
    return set(Page.objects.descendant_of(hub.site.root_page, inclusive=True).values_list("pk", flat=True))


def edited_page_ids(page):
    """Pages the admin page offers to edit (links to /admin/pages/<id>/edit/)."""
    hrefs = page.locator("main a[href*='/edit/']").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    ids = [int(match.group(1)) for href in hrefs if (match := re.search(r"/admin/pages/(\d+)/edit/", href))]
    assert ids, "the explorer lists pages"
    return ids


def test_second_hub_editor_edits_and_publishes_her_hubs_listing_and_not_the_first_hubs(staff_browser, second_hub_staff):
    browser = staff_browser
    tsubasa, users = second_hub_staff
    konan = HubSettings.objects.get(slug="konan")
    listing = ListingPage.objects.descendant_of(tsubasa.site.root_page).get(title="かざぐるま公園")
    other_listing = ListingPage.objects.descendant_of(konan.site.root_page).get(title="港南台中央公園")
    other_summary = other_listing.summary
    context = browser.log_in(browser.context(), users["editor"])
    page = context.new_page()

    # The explorer opens at her hub's home page; the first hub's home is neither listed nor reachable.
    page.goto("/admin/pages/")
    page.wait_for_url(f"**/admin/pages/{tsubasa.site.root_page_id}/")
    listing_table = page.locator("main table")
    expect(listing_table.get_by_role("link", name="地域の子育て情報", exact=True)).to_be_visible()
    breadcrumbs = page.locator("main header [data-w-breadcrumbs]")
    expect(breadcrumbs).to_contain_text(tsubasa.hub_name)
    for part in (breadcrumbs, listing_table):
        expect(part).not_to_contain_text(konan.hub_name)
    assert set(edited_page_ids(page)) <= hub_page_ids(tsubasa)
    page.goto(f"/admin/pages/{konan.site.root_page_id}/")
    page.wait_for_url(f"**/admin/pages/{tsubasa.site.root_page_id}/")
    page.get_by_role("button", name=ja("Pages")).click()  # the sidebar's page explorer
    explorer = page.locator("#wagtail-sidebar")
    expect(explorer.get_by_role("link", name="地域の子育て情報", exact=True)).to_be_visible()
    expect(explorer).not_to_contain_text(konan.hub_name)
    page.keyboard.press("Escape")

    page.goto(f"/admin/pages/{listing.pk}/edit/")
    page.locator("#id_summary").fill("風車のある公園です。ベンチと水飲み場があります（架空の場所）。")
    admin_action(page, "action-publish")
    page.wait_for_url(re.compile(r"/admin/pages/\d+/"))
    expect(page.locator(".messages")).to_contain_text("かざぐるま公園")
    listing.refresh_from_db()
    assert listing.live and listing.summary.startswith("風車のある公園です。")

    public = browser.page()
    assert listing.full_url.startswith("http://tsubasa.localhost:")  # its own hub's address, on the live server
    public.goto(listing.full_url)
    expect(public.locator("main")).to_contain_text("風車のある公園です。")

    # The first hub's listing: the edit page is refused, and so is a forged publish.
    edit_url = f"/admin/pages/{other_listing.pk}/edit/"
    page.goto(edit_url)
    page.wait_for_url("**/admin/")  # sent back to the dashboard
    expect(page.locator(".messages")).to_contain_text(ja("Sorry, you do not have permission to access this area."))
    expect(page.locator("#id_summary")).to_have_count(0)
    page.goto(f"/admin/pages/{listing.pk}/edit/")  # a page of hers, for the CSRF cookie and referer
    assert refused(context, edit_url, edit_url)
    other_listing.refresh_from_db()
    assert other_listing.summary == other_summary
    assert not Revision.objects.filter(object_id=str(other_listing.pk), user=users["editor"]).exists()


def workflow_action_page_ids(panel):
    """The pages whose workflow actions (approve, request changes) a dashboard panel offers."""
    urls = panel.locator("[data-workflow-action-url]").evaluate_all(
        "buttons => buttons.map(b => b.getAttribute('data-workflow-action-url'))"
    )
    return {int(re.search(r"/workflow/action/(\d+)/", url).group(1)) for url in urls}


def test_second_hub_reviewer_reviews_her_wards_evaluation_and_not_the_first_wards(
    staff_browser, second_hub_staff, staff_users
):
    browser = staff_browser
    tsubasa, users = second_hub_staff
    evaluation = EvaluationPage.objects.get(ward="つばさ区")  # published by the demo
    # The first ward's editor has submitted its own evaluation: a task for the first ward's reviewers only.
    first_ward = EvaluationPage.objects.get(ward="港南区", fiscal_year=2022)
    first_ward.save_revision(user=staff_users["editor"])
    first_ward.get_workflow().start(first_ward, staff_users["editor"])
    first_task = first_ward.current_workflow_task_state

    editor = browser.log_in(browser.context(), users["editor"]).new_page()
    edit_url = f"/admin/pages/{evaluation.pk}/edit/"
    editor.goto(edit_url)
    editor.locator("#id_purpose").fill(evaluation.purpose + " 区境の家庭にも開かれた運営を目指します。")
    admin_action(editor, "action-submit")
    evaluation.refresh_from_db()
    task_state = evaluation.current_workflow_task_state
    assert task_state is not None and task_state.task.name.startswith("区の確認")
    assert [group.name for group in task_state.task.specific.groups.all()] == [tsubasa.group("Ward reviewers").name]

    reviewer_context = browser.log_in(browser.context(), users["reviewer"])
    reviewer = reviewer_context.new_page()
    reviewer.goto("/admin/")
    awaiting = reviewer.locator("#awaiting-review-section")
    expect(awaiting.locator("tbody tr")).to_have_count(1)  # her ward's evaluation, not the first ward's
    assert workflow_action_page_ids(awaiting) == {evaluation.pk}
    awaiting.get_by_role("button", name=ja("Actions")).click()
    with reviewer.expect_navigation():
        awaiting.get_by_role("button", name=ja("Approve"), exact=True).click()
    reviewer.wait_for_load_state()
    evaluation.refresh_from_db()
    task_state = evaluation.current_workflow_task_state
    assert task_state.task.name.startswith("管理者")
    assert [group.name for group in task_state.task.specific.groups.all()] == [tsubasa.group("Managers").name]
    expect(reviewer.locator("#awaiting-review-section")).to_have_count(0)  # nothing left for her

    # The first ward's review task: not hers to act on, even by a forged request.
    first_url = f"/admin/pages/{first_ward.pk}/workflow/action/approve/{first_task.pk}/"
    assert refused(reviewer_context, first_url, "/admin/")
    first_task.refresh_from_db()
    assert first_task.status == "in_progress"
    reviewer.goto(f"/admin/pages/{first_ward.pk}/edit/")
    reviewer.wait_for_url("**/admin/")
    expect(reviewer.locator("[data-workflow-action-name=approve]")).to_have_count(0)
