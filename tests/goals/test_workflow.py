"""The 評価書承認 workflow over the admin (HTTP, no browser): one journey, each role doing its own steps.

import → editor submits → ward reviewer approves → manager requests changes → editor resubmits → manager
approves → live. At each step the others are checked not to be able to act.
"""

from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import querydict_from_html

from goals.models.workflow import APPROVAL_TASK_NAME, REVIEW_TASK_NAME, WORKFLOW_NAME
from home.hubs import hub_for_page


def edit_form(client, page):
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    return response, querydict_from_html(response.content.decode(), form_id="page-edit-form")


def submit(client, page):
    _response, data = edit_form(client, page)
    data["action-submit"] = "1"
    return client.post(f"/admin/pages/{page.pk}/edit/", data)


def act(client, page, action, comment=""):
    state = page.current_workflow_task_state
    return client.post(f"/admin/pages/workflow/action/{page.pk}/{action}/{state.pk}/", {"comment": comment})


def actions_for(page, user):
    page.refresh_from_db()
    if not page.workflow_in_progress:
        return set()
    return {name for name, _label, _modal in page.current_workflow_task.get_actions(page, user)}


def test_the_evaluations_section_has_its_own_two_step_workflow(evaluations, draft):
    workflow = draft.get_workflow()
    hub = hub_for_page(evaluations)
    assert workflow.name == f"{WORKFLOW_NAME}: {hub}"
    tasks = [task.specific for task in workflow.tasks.all()]
    assert [task.name for task in tasks] == [REVIEW_TASK_NAME, APPROVAL_TASK_NAME]
    assert [list(task.groups.all()) for task in tasks] == [[hub.ward_reviewers], [hub.managers]]


def test_journey_from_import_to_live(draft, staff, client_for):
    editor, reviewer, manager = staff["editor"], staff["reviewer"], staff["manager"]
    anonymous = client_for("anonymous")
    assert anonymous.get(draft.url).status_code == 404

    # The editor cannot publish; they submit.
    client = client_for("editor")
    _response, data = edit_form(client, draft)
    data["action-publish"] = "1"
    client.post(f"/admin/pages/{draft.pk}/edit/", data)
    draft.refresh_from_db()
    assert not draft.live
    assert submit(client, draft).status_code == 302
    draft.refresh_from_db()
    assert draft.current_workflow_task.name == REVIEW_TASK_NAME and not draft.live
    assert actions_for(draft, editor) == actions_for(draft, manager) == set()
    assert act(client, draft, "approve").status_code in (302, 403)  # refused: not their task
    assert draft.current_workflow_task.name == REVIEW_TASK_NAME

    # The ward reviewer opens the draft and approves (相互振り返り).
    client = client_for("reviewer")
    assert client.get(f"/admin/pages/{draft.pk}/view_draft/").status_code == 200
    assert actions_for(draft, reviewer) == {"approve", "reject"}
    assert act(client, draft, "approve").status_code == 302
    draft.refresh_from_db()
    assert draft.current_workflow_task.name == APPROVAL_TASK_NAME
    assert actions_for(draft, reviewer) == set()

    # The manager requests changes with a comment; it goes back to the editor.
    client = client_for("manager")
    assert act(client, draft, "reject", comment="利用者数を追記してください").status_code == 302
    state = WorkflowState.objects.for_instance(draft).get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == "利用者数を追記してください"
    assert not draft.live

    # The editor sees the comment, changes the draft and resubmits.
    client = client_for("editor")
    response, data = edit_form(client, draft)
    assert "利用者数を追記してください" in response.content.decode()
    data["evaluated_goals-0-results"] += "\n延べ利用者数は前年度より増えた。"
    data["action-submit"] = "1"
    assert client.post(f"/admin/pages/{draft.pk}/edit/", data).status_code == 302
    draft.refresh_from_db()
    assert draft.workflow_in_progress and draft.current_workflow_task.name == APPROVAL_TASK_NAME

    # The manager approves: now it is live, with the change.
    assert act(client_for("manager"), draft, "approve").status_code == 302
    draft.refresh_from_db()
    assert draft.live and not draft.workflow_in_progress
    html = anonymous.get(draft.url).content.decode()
    assert "延べ利用者数は前年度より増えた。" in html


def test_approval_is_refused_while_the_document_is_incomplete(draft, staff, client_for):
    goal = draft.evaluated_goals.first()
    goal.issues = ""
    goal.save()
    draft.next_goals.all().delete()
    draft.save_revision()
    draft.get_workflow().start(draft, staff["editor"])

    client = client_for("reviewer")
    response = act(client, draft, "approve")
    assert response.status_code == 302 and "incomplete=1" in response["Location"]
    draft.refresh_from_db()
    assert draft.current_workflow_task.name == REVIEW_TASK_NAME  # still waiting for the ward
    page = client.get(response["Location"]).content.decode()
    assert "Goal 1 has no issues" in page or "重点目標1" in page or "目標1" in page
    assert "Next year" in page or "次年度" in page

    # A manager cannot publish it directly either.
    client = client_for("manager")
    _response, data = edit_form(client, draft)
    data["action-publish"] = "1"
    client.post(f"/admin/pages/{draft.pk}/edit/", data)
    draft.refresh_from_db()
    assert not draft.live


def test_admin_screens_for_documents_and_goals(draft, client_for):
    client = client_for("editor")
    index = draft.get_parent()
    assert client.get(f"/admin/pages/add/goals/evaluationpage/{index.pk}/").status_code == 200
    listing = client.get("/admin/snippets/goals/goal/")
    assert listing.status_code == 200 and "妊娠期の家庭が安心して子育てをスタートでき" in listing.content.decode()


def test_a_scheduled_document_goes_live_at_its_time_after_approval(draft, staff):
    from datetime import timedelta

    from django.utils import timezone

    draft.go_live_at = timezone.now() + timedelta(days=3)
    draft.save_revision()
    draft.get_workflow().start(draft, staff["editor"])
    for role in ("reviewer", "manager"):
        draft.refresh_from_db()
        state = draft.current_workflow_task_state
        state.task.specific.on_action(state, staff[role], "approve")
    draft.refresh_from_db()
    assert not draft.live and not draft.workflow_in_progress
    assert draft.scheduled_revision is not None  # published by publish_scheduled at go_live_at
