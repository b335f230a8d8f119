"""Page actions across hubs: every staff role of hub A × every admin action × every page kind of hub B → 0 done.

An action "is done" when it changed the page in the database (its draft, live title or revision, its parent, its
lock, whether it is live or exists, a copy of it) or, for the views that only open something (the editor, a
draft, the history, a revision, the add form), when the view answers 200. Positive controls: hub B's own staff
do the same actions on their own pages (CONTROLS), so every action here can be seen to succeed. Each action is
tried inside a savepoint rolled back afterwards, so one data set serves every action (a failure names role,
action and kinds).
"""

from dataclasses import dataclass, field

import pytest
from django.db import transaction
from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html

from tests.home.isolation.conftest import PAGE_KINDS, ROLES

KINDS = (*PAGE_KINDS, "locked")
CHANGED = "改ざん"
# Kinds that take children, with the type of child the add form is opened for.
CHILD_TYPES = {
    "home": "home/standardpage",
    "about": "home/standardpage",
    "standard": "home/standardpage",
    "programs": "home/programpage",
    "directory": "resources_directory/listingpage",
    "evaluations": "goals/evaluationpage",
}


def fresh(page):
    return Page.objects.filter(pk=page.pk).first()


def edit_data(ctx, page, **extra):
    """The page's own edit form, as a superuser reads it (once per test), with the title changed."""
    if page.pk not in ctx.forms:
        response = ctx.root_client.get(f"/admin/pages/{page.pk}/edit/")
        ctx.forms[page.pk] = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data = ctx.forms[page.pk].copy()
    data["title"] = f"{fresh(page).draft_title} {CHANGED}"
    data.setdefault("body-count", "0")  # the body StreamField is drawn by JavaScript: sent empty
    data.update(extra)
    return data


def same_place_in(home, page):
    """The page's parent, or the page of the same place (hub home, section) in the hub of ``home``."""
    parent = page.get_parent()
    if parent.depth < home.depth:
        return parent
    if parent.depth == home.depth:
        return home
    return home.get_children().get(slug=parent.slug)


@dataclass
class Ctx:
    root_client: object  # reads the edit forms
    home: object  # the acting user's hub home: copies go to the same place in it
    move_to: object  # page -> destination of a move
    forms: dict = field(default_factory=dict)  # page id -> its edit form's data


def opened(path):
    """A view that only shows something: done when it answers 200."""
    return {"get": path}


def live(page, ctx):
    return fresh(page).live


def exists(page, ctx):
    return fresh(page) is not None


def locked(page, ctx):
    return fresh(page).locked


def revision_path(page, view):
    return f"/admin/pages/{page.pk}/revisions/{fresh(page).specific.latest_revision_id}/{view}/"


ACTIONS = {
    "open_editor": opened("/admin/pages/{pk}/edit/"),
    "view_draft": opened("/admin/pages/{pk}/view_draft/"),
    "history": opened("/admin/pages/{pk}/history/"),
    "workflow_history": opened("/admin/pages/{pk}/workflow_history/"),
    "compare_revisions": opened("/admin/pages/{pk}/revisions/compare/earliest...latest/"),
    "view_revision": opened(lambda page: revision_path(page, "view")),
    "revert_form": opened(lambda page: revision_path(page, "revert")),
    "usage": opened("/admin/pages/{pk}/usage/"),
    "move_form": opened("/admin/pages/{pk}/move/"),
    "copy_form": opened("/admin/pages/{pk}/copy/"),
    "add_form": opened(lambda page: f"/admin/pages/add/{CHILD_TYPES[page.kind]}/{page.pk}/"),
    "save_draft": {
        "post": "/admin/pages/{pk}/edit/",
        "data": lambda ctx, page: edit_data(ctx, page),
        "state": lambda page, ctx: fresh(page).draft_title,
    },
    "publish": {
        "post": "/admin/pages/{pk}/edit/",
        "data": lambda ctx, page: edit_data(ctx, page, **{"action-publish": "action-publish"}),
        "state": lambda page, ctx: fresh(page).title,
    },
    "unpublish": {"post": "/admin/pages/{pk}/unpublish/", "state": live},
    "delete": {"post": "/admin/pages/{pk}/delete/", "state": exists},
    "lock": {"post": "/admin/pages/{pk}/lock/", "state": locked},
    "unlock": {"post": "/admin/pages/{pk}/unlock/", "state": locked},
    "move": {
        "post": lambda page, ctx: f"/admin/pages/{page.pk}/move/{ctx.move_to(page).pk}/confirm/",
        "state": lambda page, ctx: fresh(page).get_parent().pk,
    },
    "copy": {
        "post": "/admin/pages/{pk}/copy/",
        "data": lambda ctx, page: {
            "new_title": f"{page.title} {CHANGED}",
            "new_slug": f"copied-{page.pk}",
            "new_parent_page": same_place_in(ctx.home, page).pk,
        },
        "state": lambda page, ctx: Page.objects.filter(slug=f"copied-{page.pk}").exists(),
    },
    "bulk_delete": {
        "post": "/admin/bulk/wagtailcore/page/delete/?id={pk}",
        "state": exists,
    },
    "bulk_publish": {
        "post": "/admin/bulk/wagtailcore/page/publish/?id={pk}",
        "state": lambda page, ctx: fresh(page).live_revision_id,
    },
    "bulk_unpublish": {
        "post": "/admin/bulk/wagtailcore/page/unpublish/?id={pk}",
        "state": live,
    },
}
# action -> (role of hub B, kinds of hub B that role can do it to): the positive controls.
CONTROLS = {
    "open_editor": ("editor", ["standard", "program", "listing", "evaluation", "programs"]),
    "view_draft": ("editor", ["standard", "program", "listing"]),
    "history": ("editor", ["standard", "program", "listing", "evaluation"]),
    "workflow_history": ("editor", ["evaluation"]),
    "compare_revisions": ("editor", ["standard", "program", "listing"]),
    "view_revision": ("editor", ["standard", "program", "listing"]),
    "revert_form": ("editor", ["standard", "program", "listing"]),
    "usage": ("editor", ["standard", "program", "listing"]),
    "move_form": ("manager", ["standard", "program", "listing"]),
    "copy_form": ("manager", ["standard", "program", "listing"]),
    "add_form": ("editor", list(CHILD_TYPES)),
    "save_draft": ("editor", ["standard", "program", "listing"]),
    "publish": ("manager", ["standard", "program", "listing"]),
    "unpublish": ("manager", ["standard", "program", "listing"]),
    "delete": ("manager", ["standard", "program", "listing"]),
    "lock": ("manager", ["standard", "program", "listing"]),
    "unlock": ("manager", ["locked"]),
    "move": ("manager", ["standard"]),
    "copy": ("manager", ["standard", "program", "listing"]),
    "bulk_delete": ("manager", ["standard", "program", "listing"]),
    "bulk_publish": ("manager", ["standard", "program", "listing"]),
    "bulk_unpublish": ("manager", ["standard", "program", "listing"]),
}


def applies(action, kind):
    return action != "add_form" or kind in CHILD_TYPES


def attempt(client, action_name, page, ctx):
    """Try the action on the page; True when it was done: the view answered 200, or the page's state changed."""
    action = ACTIONS[action_name]
    if "get" in action:
        path = action["get"]
        path = path(page) if callable(path) else path.format(pk=page.pk)
        response = client.get(path)
        assert response.status_code < 500, (action_name, path)
        return response.status_code == 200
    path = action["post"]
    path = path(page, ctx) if callable(path) else path.format(pk=page.pk)
    data = action["data"](ctx, page) if "data" in action else {}
    before = action["state"](page, ctx)
    response = client.post(path, data)
    assert response.status_code < 500, (action_name, path)
    return action["state"](page, ctx) != before


def pages_of(b):
    pages = {kind: b[kind] for kind in KINDS}
    for kind, page in pages.items():
        page.kind = kind
    return pages


def outcomes(client, actions, pages, ctx):
    """{action: [kinds it was done to]}, each action tried on a fresh copy of the data (rolled back after)."""
    done = {}
    for action, kinds in actions.items():
        with transaction.atomic():
            kinds = [kind for kind in kinds if applies(action, kind)]
            done[action] = [kind for kind in kinds if attempt(client, action, pages[kind], ctx)]
            transaction.set_rollback(True)
    return done


@pytest.mark.parametrize("role", ROLES)
def test_hub_a_staff_do_nothing_to_hub_b_pages(b, home, staff, client_as, root_client, role):
    ctx = Ctx(root_client, home, move_to=lambda page: same_place_in(home, page))
    done = outcomes(client_as(staff[role]), dict.fromkeys(ACTIONS, KINDS), pages_of(b), ctx)
    assert {action: kinds for action, kinds in done.items() if kinds} == {}, f"{role} of hub A did these"


@pytest.mark.parametrize("role", sorted({role for role, _kinds in CONTROLS.values()}))
def test_control_hub_b_staff_do_it_to_their_own_pages(b, staff_b, client_as, root_client, role):
    ctx = Ctx(root_client, b["home"], move_to=lambda page: b["about"])
    actions = {action: kinds for action, (control_role, kinds) in CONTROLS.items() if control_role == role}
    done = outcomes(client_as(staff_b[role]), actions, pages_of(b), ctx)
    not_done = {action: [kind for kind in kinds if kind not in done[action]] for action, kinds in actions.items()}
    assert {action: kinds for action, kinds in not_done.items() if kinds} == {}, f"{role} of hub B could not"
