"""Page forms across hubs: hub A's editor sends hub B's listing, image or goal by id in a hand-made POST.

The choosers only offer the editor's own hub's objects; the form must refuse another hub's one the same way (an
invalid choice on that field), save nothing, and never answer 500. Positive controls: hub B's editor may use
hub B's own listing, image and goal.
"""

import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html

from goals.importer.builder import build
from goals.importer.parser import parse
from goals.models import EvaluationPage
from home.factories import ProgramPageFactory, ProgramSessionFactory
from home.models import ProgramPage
from tests.conftest import make_staff_user
from tests.goals.conftest import SAMPLE
from tests.home.isolation.conftest import HOST_B

# A program's field -> the kind of hub B object sent for it.
SENT = {"venue": "listing", "image": "image"}


def section(hub, slug):
    return hub.site.root_page.get_children().get(slug=slug).specific


def form_data(root_client, path, form_id):
    response = root_client.get(path, HTTP_HOST=HOST_B if "tsubasa" in path else "localhost")
    assert response.status_code == 200, path
    data = querydict_from_html(response.content.decode(), form_id=form_id)
    data.setdefault("body-count", "0")  # the body StreamField is drawn by JavaScript: sent empty
    return data


def edit_data(root_client, page, **changes):
    data = form_data(root_client, f"/admin/pages/{page.pk}/edit/", "page-edit-form")
    data.update(changes)
    return data


def add_data(root_client, template, slug, **changes):
    """The edit form of ``template`` as data for a new sibling: another slug, its inline rows as new rows."""
    data = edit_data(root_client, template, slug=slug, title=f"新しい講座 {slug}", **changes)
    for key in [key for key in data if key.startswith("sessions-") and key.endswith("-id")]:
        data[key] = ""
    data["sessions-INITIAL_FORMS"] = "0"
    return data


def program_in(hub):
    program = ProgramPageFactory(parent=section(hub, "programs"), title="選択肢の講座")
    ProgramSessionFactory(page=program)
    return Page.objects.get(pk=program.pk).specific


def errors_on(response, field):
    assert response.status_code == 200, response.status_code
    return response.context["form"].errors.get(field)


@pytest.fixture
def editor_a(hub_a):
    return make_staff_user("editor", hub=hub_a, username="editor-a")


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["venue", "image"])
def test_hub_a_editor_cannot_point_a_program_at_hub_b(field, hub_a, b, editor_a, client_as, root_client):
    program = program_in(hub_a)
    revision = program.latest_revision_id
    client = client_as(editor_a)

    data = edit_data(root_client, program, **{field: b[SENT[field]].pk})
    response = client.post(f"/admin/pages/{program.pk}/edit/", data)

    assert errors_on(response, field), "another hub's object was accepted"
    program = ProgramPage.objects.get(pk=program.pk)
    assert program.latest_revision_id == revision
    assert getattr(program, f"{field}_id") is None


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["venue", "image"])
def test_hub_a_editor_cannot_add_a_program_pointing_at_hub_b(field, hub_a, b, editor_a, client_as, root_client):
    programs = section(hub_a, "programs")
    data = add_data(root_client, program_in(hub_a), "foreign-choice", **{field: b[SENT[field]].pk})
    client = client_as(editor_a)

    response = client.post(f"/admin/pages/add/home/programpage/{programs.pk}/", data)

    assert errors_on(response, field), "another hub's object was accepted"
    assert not Page.objects.filter(slug="foreign-choice").exists()


@pytest.mark.django_db
def test_hub_b_editor_may_use_hub_b_listing_and_image(hub_b, b, staff_b, client_as, root_client):
    client = client_as(staff_b["editor"])
    program = b["program"]
    changes = {"venue": b["listing"].pk, "image": b["image"].pk}

    edited = client.post(f"/admin/pages/{program.pk}/edit/", edit_data(root_client, program, **changes))
    added = client.post(
        f"/admin/pages/add/home/programpage/{b['programs'].pk}/",
        add_data(root_client, program, "own-choice", **changes),
        HTTP_HOST=HOST_B,
    )

    assert edited.status_code == 302 and added.status_code == 302
    draft = ProgramPage.objects.get(pk=program.pk).get_latest_revision_as_object()
    new = ProgramPage.objects.get(slug="own-choice")
    for page in (draft, new):
        assert (page.venue_id, page.image_id) == (b["listing"].pk, b["image"].pk)


@pytest.mark.django_db
@pytest.mark.parametrize("rows", ["evaluated_goals", "next_goals"])
def test_hub_a_editor_cannot_link_an_evaluation_row_to_a_hub_b_goal(rows, hub_a, b, editor_a, client_as, root_client):
    evaluation = build(parse(SAMPLE), section(hub_a, "evaluations"), user=editor_a)
    revision = EvaluationPage.objects.get(pk=evaluation.pk).latest_revision_id
    client = client_as(editor_a)

    data = edit_data(root_client, evaluation, **{f"{rows}-0-goal": b["goal"].pk})
    response = client.post(f"/admin/pages/{evaluation.pk}/edit/", data)

    assert response.status_code == 200
    row_errors = response.context["form"].formsets[rows].forms[0].errors
    assert row_errors.get("goal"), "another hub's goal was accepted"
    evaluation = EvaluationPage.objects.get(pk=evaluation.pk)
    assert evaluation.latest_revision_id == revision
    assert not b["goal"].evaluations.exists() and not b["goal"].declarations.exists()


@pytest.mark.django_db
def test_hub_b_editor_may_link_an_evaluation_row_to_a_hub_b_goal(b, staff_b, client_as, root_client):
    evaluation = b["evaluation"]
    evaluation.current_workflow_state.cancel(user=staff_b["manager"])  # editable again by its editor
    client = client_as(staff_b["editor"])

    data = edit_data(root_client, evaluation, **{"evaluated_goals-0-goal": b["goal"].pk})
    response = client.post(f"/admin/pages/{evaluation.pk}/edit/", data)

    assert response.status_code == 302
    draft = EvaluationPage.objects.get(pk=evaluation.pk).get_latest_revision_as_object()
    assert draft.evaluated_goals.all()[0].goal_id == b["goal"].pk
