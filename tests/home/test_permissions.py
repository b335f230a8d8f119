"""Permission matrix for the foundation: role × action × section.

Evaluations have their own, larger matrix with the approval workflow (tests/goals).
"""

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from wagtail.models import GroupPagePermission, Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from home.factories import StandardPageFactory
from home.hubs import hub_for_page
from home.permissions import STAFF_ROLES
from resources_directory.factories import ListingPageFactory

ACTIONS = ("add_subpage", "edit", "publish", "delete")

# role -> section -> set of actions the role may take there (everything else must be refused).
# Section pages (programs, directory, evaluations) can be deleted by superusers only; an Editor cannot
# delete the live about page because deleting it would unpublish it.
MATRIX = {
    "anonymous": {"programs": set(), "directory": set(), "evaluations": set(), "about": set()},
    "editor": {
        "programs": {"add_subpage", "edit", "publish"},
        "directory": {"add_subpage", "edit", "publish"},
        "evaluations": {"add_subpage", "edit"},
        "about": {"add_subpage", "edit"},
    },
    "reviewer": {"programs": set(), "directory": set(), "evaluations": set(), "about": set()},
    "manager": {
        "programs": {"add_subpage", "edit", "publish"},
        "directory": {"add_subpage", "edit", "publish"},
        "evaluations": {"add_subpage", "edit", "publish"},
        "about": {"add_subpage", "edit", "publish", "delete"},
    },
}


def can(page, user, action):
    permissions = page.permissions_for_user(user)
    return {
        # The permission itself: some sections get their page types only in later issues.
        "add_subpage": lambda: PagePermissionPolicy().user_has_permission_for_instance(user, "add", page),
        "edit": permissions.can_edit,
        "publish": permissions.can_publish,
        "delete": permissions.can_delete,
    }[action]()


CASES = [(role, section, action) for role, sections in MATRIX.items() for section in sections for action in ACTIONS]


@pytest.mark.parametrize(("role", "section", "action"), CASES)
def test_permission_matrix(home, staff, role, section, action):
    user = AnonymousUser() if role == "anonymous" else staff[role]
    page = home.get_children().get(slug=section).specific
    assert can(page, user, action) is (action in MATRIX[role][section])


def test_the_hub_has_its_three_staff_groups_named_after_it_and_no_global_ones(home):
    hub = hub_for_page(home)
    names = [hub.group(role).name for role in STAFF_ROLES]
    assert names == [f"港南区地域子育て支援拠点 はっち: {role}" for role in STAFF_ROLES]
    assert not Group.objects.filter(name__in=[*STAFF_ROLES, "Moderators"]).exists()


def test_no_group_holds_rights_on_the_tree_root_that_would_reach_every_hub(home):
    assert not GroupPagePermission.objects.filter(page=Page.get_first_root_node()).exists()


@pytest.mark.parametrize("role", ["editor", "manager"])
def test_staff_who_publish_listings_can_publish_a_listing_page(home, staff, role):
    listing = ListingPageFactory(parent=home.get_children().get(slug="directory").specific)
    assert listing.permissions_for_user(staff[role]).can_publish()


def test_standard_pages_go_through_the_managers_approval_workflow(home):
    page = StandardPageFactory(parent=home)
    workflow = page.get_workflow()
    assert workflow is not None
    task = workflow.tasks.get().specific
    assert list(task.groups.all()) == [hub_for_page(home).managers]


@pytest.mark.parametrize(("role", "status"), [("anonymous", 302), ("editor", 200), ("reviewer", 200), ("manager", 200)])
def test_admin_dashboard_access(home, client_for, role, status):
    assert client_for(role).get("/admin/").status_code == status


def test_editor_cannot_publish_an_evaluation_index_through_the_admin(home, client_for):
    evaluations = home.get_children().get(slug="evaluations").specific
    response = client_for("editor").post(
        f"/admin/pages/{evaluations.pk}/edit/",
        {"title": "改ざん", "slug": "evaluations", "intro": "", "action-publish": "publish"},
    )
    evaluations.refresh_from_db()
    assert evaluations.title == "事業評価"  # still the live title
    assert response.status_code in (200, 302, 403)


@pytest.mark.parametrize("role", ["editor", "manager"])
def test_section_pages_cannot_be_deleted_by_staff_through_the_admin(home, client_for, role):
    programs = home.get_children().get(slug="programs")
    client = client_for(role)
    assert client.get(f"/admin/pages/{programs.pk}/delete/").status_code in (302, 403)
    client.post(f"/admin/pages/{programs.pk}/delete/")
    assert home.get_children().filter(slug="programs").exists()
