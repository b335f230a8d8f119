"""The evaluation approval workflow (評価書承認): Ward reviewers review, then Managers approve and publish.

Created by goals/migrations/0003_evaluation_workflow.py and attached to every evaluations index page (by that
migration for existing pages, by the post_save signal in goals/signals.py for new ones). Editors have no
publish permission on the evaluations subtree, so submitting to this workflow is their only way to publish.
"""

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Workflow, WorkflowPage, WorkflowTask

from goals.models.workflow import APPROVAL_TASK_NAME, REVIEW_TASK_NAME, WORKFLOW_NAME, EvaluationApprovalTask
from home.permissions import MANAGERS, WARD_REVIEWERS

TASKS = ((REVIEW_TASK_NAME, WARD_REVIEWERS), (APPROVAL_TASK_NAME, MANAGERS))


def create_workflow(apps=None):
    """Create (or find) the workflow and its two tasks. Works with historical models in a migration."""
    get = apps.get_model if apps else None
    workflow_model = get("wagtailcore", "Workflow") if apps else Workflow
    task_model = get("goals", "EvaluationApprovalTask") if apps else EvaluationApprovalTask
    workflow_task_model = get("wagtailcore", "WorkflowTask") if apps else WorkflowTask
    group_model = get("auth", "Group") if apps else Group
    content_type_model = get("contenttypes", "ContentType") if apps else ContentType

    workflow, _created = workflow_model.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task_type, _created = content_type_model.objects.get_or_create(app_label="goals", model="evaluationapprovaltask")
    for sort_order, (name, group_name) in enumerate(TASKS):
        task = task_model.objects.filter(name=name).first()
        if task is None:
            task = task_model.objects.create(name=name, active=True, content_type_id=task_type.pk)
        group, _created = group_model.objects.get_or_create(name=group_name)
        task.groups.add(group)
        workflow_task_model.objects.get_or_create(
            workflow=workflow, task_id=task.pk, defaults={"sort_order": sort_order}
        )
    return workflow


def attach_workflow(index_page):
    """Make the evaluation workflow the one that applies to this evaluations index and its documents."""
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first() or create_workflow()
    WorkflowPage.objects.update_or_create(page_id=index_page.pk, defaults={"workflow": workflow})
