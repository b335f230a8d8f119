"""Editors publish programs directly; session input is validated with field messages."""

from datetime import time, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from home.agenda import today
from home.models import ProgramPage, ProgramSession
from home.schedule import WeekOfMonth
from tests.languages.conftest import english_admin

ACTIONS = ("add_subpage", "edit", "publish", "unpublish", "delete")

# Program pages: Editors and Managers publish, unpublish and delete programs directly (no approval step; a
# program has no subpages, so Wagtail lets whoever may publish there delete it). Programs take no subpages.
# Reviewers and anonymous visitors can do nothing.
PROGRAM_MATRIX = {
    "anonymous": set(),
    "reviewer": set(),
    "editor": {"edit", "publish", "unpublish", "delete"},
    "manager": {"edit", "publish", "unpublish", "delete"},
}


def can(page, user, action):
    tester = page.permissions_for_user(user)
    return {
        "add_subpage": tester.can_add_subpage,
        "edit": tester.can_edit,
        "publish": tester.can_publish,
        "unpublish": tester.can_unpublish,
        "delete": tester.can_delete,
    }[action]()


@pytest.fixture
def program(make_program):
    return make_program()


@pytest.mark.parametrize("role", PROGRAM_MATRIX)
def test_program_page_permission_matrix(program, staff, role):
    """One row of the matrix per role: the exact set of actions allowed on a live program."""
    user = AnonymousUser() if role == "anonymous" else staff[role]
    assert {action for action in ACTIONS if can(program, user, action)} == PROGRAM_MATRIX[role]


def session_data(**overrides):
    day = today() + timedelta(days=14)
    data = {
        "frequency": "monthly",
        "date": f"{day}",
        "start_time": "10:00",
        "end_time": "11:30",
        "weekday": "1",
        "week_of_month": "2",
        "until": f"{day + timedelta(days=90)}",
        "exception_dates": "",
        "skip_holidays": "on",
        "note": "",
        # Booking on this site (issue 17): no places, so no booking here; the defaults of the other fields.
        "capacity": "",
        "waitlist_size": "0",
        "booking_closes_hours": "0",
        "expecting_may_book": "on",
        "children_may_book": "on",
    }
    data.update(overrides)
    return data


def program_form(**session_overrides):
    data = nested_form_data(
        {
            "title": "プレママ・プレパパ講座",
            "slug": "premama",
            "summary": "出産前に拠点を知る講座です。",
            "business_area": "play_room",
            "body": streamfield([]),
            "sessions": inline_formset([session_data(**session_overrides)], min=1),
            "place_name": "はっち",
            "address": "",
            "area_name": "港南中央",
            "capacity": "10",
            "fee": "無料",
            "booking": "phone",
            "booking_opens": "",
            "booking_url": "",
            "contact": "",
            "action-publish": "publish",
        }
    )
    data["life_stages"] = ["pregnancy", "fathers"]
    return data


def _errors(response):
    form = response.context["form"]
    return form.errors, {name: [f.errors for f in formset.forms] for name, formset in form.formsets.items()}


def test_editor_publishes_a_program_with_a_monthly_rule(home, programs_index, client_for):
    response = client_for("editor").post(f"/admin/pages/add/home/programpage/{programs_index.pk}/", program_form())
    assert response.status_code == 302, _errors(response)
    page = ProgramPage.objects.get(slug="premama")
    assert page.live and page.life_stages == ["pregnancy", "fathers"]
    session = page.sessions.get()
    assert session.week_of_month == WeekOfMonth.SECOND and session.weekday == 1
    assert page.get_latest_revision() is not None
    public = client_for("anonymous").get("/programs/premama/")
    assert public.status_code == 200 and "10:00" in public.content.decode()


BAD_SESSIONS = [
    ({"end_time": "09:00"}, "The session must end after it starts."),
    ({"end_time": "10:00"}, "The session must end after it starts."),
    ({"until": f"{today() + timedelta(days=500)}"}, "at most one year"),
    ({"weekday": ""}, "Choose the weekday"),
    ({"week_of_month": "0"}, "which weekday of the month"),
    ({"exception_dates": "12/29"}, "is not a date"),
]


def test_bad_session_input_is_refused_with_a_field_message(home, programs_index, client_for):
    client = client_for("editor")
    english_admin(client)
    for overrides, message in BAD_SESSIONS:
        response = client.post(f"/admin/pages/add/home/programpage/{programs_index.pk}/", program_form(**overrides))
        assert response.status_code == 200, overrides
        assert message in response.content.decode(), overrides
        assert not ProgramPage.objects.filter(slug="premama").exists()


def test_web_booking_needs_the_form_address(home, programs_index, client_for):
    data = program_form()
    data["booking"] = "web"
    client = client_for("editor")
    english_admin(client)
    response = client.post(f"/admin/pages/add/home/programpage/{programs_index.pk}/", data)
    assert response.status_code == 200
    assert "Give the address of the web form." in response.content.decode()
    assert not ProgramPage.objects.filter(slug="premama").exists()


def test_session_clean_lists_every_problem():
    day = today()
    session = ProgramSession(
        frequency="weekly", date=day, start_time=time(11), end_time=time(10), until=day - timedelta(days=1)
    )
    with pytest.raises(ValidationError) as error:
        session.clean()
    assert set(error.value.message_dict) == {"end_time", "weekday", "until"}


def test_editor_previews_an_unsaved_program_with_its_sessions(home, programs_index, client_for):
    client = client_for("editor")
    url = f"/admin/pages/add/home/programpage/{programs_index.pk}/preview/"
    data = program_form()
    data.pop("action-publish")
    assert client.post(url, data).json()["is_valid"]
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "プレママ・プレパパ講座" in html and "10:00" in html
    assert not ProgramPage.objects.exists()
