"""The evaluation approval workflow (評価書承認): the hub's Ward reviewers review, then its Managers approve.

Each hub has its own workflow and tasks, whose groups are that hub's staff, attached to the hub's evaluations
index page by the post_save signal in goals/signals.py (home.hub_setup creates the index after the groups).
Editors have no publish permission on the evaluations subtree, so submitting to this workflow is their only
way to publish.
"""

from wagtail.models import Workflow, WorkflowPage, WorkflowTask

from goals.models.workflow import APPROVAL_TASK_NAME, REVIEW_TASK_NAME, WORKFLOW_NAME, EvaluationApprovalTask
from home.hubs import hub_for_page
from home.permissions import MANAGERS, WARD_REVIEWERS

TASKS = ((REVIEW_TASK_NAME, WARD_REVIEWERS), (APPROVAL_TASK_NAME, MANAGERS))


def create_workflow(hub):
    """A new 評価書承認 workflow for the hub: review by its Ward reviewers, approval by its Managers."""
    workflow = Workflow.objects.create(name=f"{WORKFLOW_NAME}: {hub}", active=True)
    for sort_order, (name, role) in enumerate(TASKS):
        task = EvaluationApprovalTask.objects.create(name=name, active=True)
        task.groups.add(hub.group(role))
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=sort_order)
    return workflow


def attach_workflow(index_page):
    """Make the hub's evaluation workflow the one that applies to this evaluations index and its documents."""
    if WorkflowPage.objects.filter(page_id=index_page.pk).exists():
        return
    hub = hub_for_page(index_page)
    if hub is not None and hub.managers is not None:
        WorkflowPage.objects.create(page_id=index_page.pk, workflow=create_workflow(hub))
