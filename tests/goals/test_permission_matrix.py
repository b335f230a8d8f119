"""Who can do what to evaluations: role × action × page (index and an evaluation in each workflow state).

One parametrized test per role over one cheaply built fixture; every cell not listed in MATRIX must be refused.
Front-end cells (view live, page API) are real HTTP requests; admin cells use Wagtail's permission API (the
same checks the admin views make); tests/goals/test_workflow.py walks the admin over HTTP once per role.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from goals.models import EvaluationIndexPage
from home.demo import build_site
from tests.conftest import ROLE_GROUPS, log_in, make_staff_user
from tests.goals.conftest import build_documents

PAGES = ("index", "draft", "review", "approval", "live")
ACTIONS = (
    "view_live", "view_draft", "preview", "edit", "submit", "approve", "request_changes", "publish", "unpublish",
    "delete", "revision_history", "compare_revisions", "copy", "page_api",
)  # fmt: skip
PUBLIC = {"index", "live"}
EVERYTHING = set(PAGES)

# role -> action -> pages where the action is allowed.
MATRIX = {
    "anonymous": {"view_live": PUBLIC, "page_api": PUBLIC},
    "editor": {
        "view_live": PUBLIC,
        "page_api": PUBLIC,
        "view_draft": EVERYTHING,
        "preview": EVERYTHING,
        "revision_history": EVERYTHING,
        "compare_revisions": EVERYTHING,
        "edit": {"index", "draft", "live"},  # locked while the ward or a manager reviews it
        "submit": {"index", "draft", "live"},
        "delete": {"draft", "review", "approval"},  # own unpublished drafts only; never a live page
        "copy": {"draft", "review", "approval", "live"},
    },
    "reviewer": {
        "view_live": PUBLIC,
        "page_api": PUBLIC,
        # only while the document is on the ward's review task
        **{action: {"review"} for action in ("view_draft", "preview", "revision_history", "compare_revisions")},
        "edit": {"review"},
        "approve": {"review"},
        "request_changes": {"review"},
    },
    "manager": {
        "view_live": PUBLIC,
        "page_api": PUBLIC,
        "view_draft": EVERYTHING,
        "preview": EVERYTHING,
        "revision_history": EVERYTHING,
        "compare_revisions": EVERYTHING,
        "edit": {"index", "draft", "approval", "live"},
        "submit": {"index", "draft", "live"},
        "approve": {"approval"},
        "request_changes": {"approval"},
        "publish": {"index", "draft", "approval", "live"},
        "unpublish": {"index", "live"},
        "delete": {"draft", "review", "approval", "live"},
        "copy": {"draft", "review", "approval", "live"},
    },
}


def task_actions(page, user):
    if not page.workflow_in_progress:
        return set()
    return {name for name, _label, _modal in page.current_workflow_task.get_actions(page, user)}


def allowed(client, page, user, action):
    if action == "view_live":
        return client.get(page.url).status_code == 200
    if action == "page_api":
        return client.get(f"/api/v2/pages/{page.pk}/").status_code == 200
    perms = page.permissions_for_user(user)
    sees_drafts = perms.can_edit() or perms.can_publish()  # view_draft, preview and revision views check this
    checks = {
        "view_draft": lambda: sees_drafts,
        "preview": lambda: sees_drafts,
        "revision_history": lambda: sees_drafts,
        "compare_revisions": lambda: sees_drafts,
        "edit": lambda: perms.can_edit() and not perms.page_locked(),
        "submit": lambda: perms.can_edit() and perms.can_submit_for_moderation(),
        "approve": lambda: "approve" in task_actions(page, user),
        "request_changes": lambda: "reject" in task_actions(page, user),
        "publish": lambda: perms.can_publish() and not perms.page_locked(),
        "unpublish": perms.can_unpublish,
        "delete": perms.can_delete,
        "copy": lambda: perms.can_copy() and perms.can_copy_to(page.get_parent()),
    }
    return bool(checks[action]())


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the whole matrix inside a transaction that is rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        home = build_site()
        staff = {role: make_staff_user(role) for role in ROLE_GROUPS}
        yield staff, build_documents(EvaluationIndexPage.objects.child_of(home).get(), staff)
        transaction.set_rollback(True)


@pytest.mark.parametrize("role", list(MATRIX))
def test_permission_matrix(world, db, client, role):
    staff, documents = world
    user = AnonymousUser() if role == "anonymous" else staff[role]
    if role != "anonymous":
        log_in(client, user)
    wrong = [
        f"{role} {'may' if expected else 'may not'} {action} {name}"
        for name, page in documents.items()
        for action in ACTIONS
        if allowed(client, page, user, action) != (expected := name in MATRIX[role].get(action, set()))
    ]
    assert wrong == [], "\n".join(wrong)


def test_matrix_size():
    assert len(MATRIX) * len(ACTIONS) * len(PAGES) == 280
