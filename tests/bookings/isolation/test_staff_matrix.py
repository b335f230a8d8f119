"""Bookings across hubs: every role × every staff action × hub B's date → only hub B's Editors and Managers (and
superusers) see or change it. Hub A's Editors and Managers get 404 (they must not learn it exists), ward reviewers
and City staff 403, anonymous users the login page. Positive controls: hub B's own staff and a superuser do every
action, and it works. Each action runs in a savepoint rolled back afterwards, so one data set serves the matrix.

Side routes: the admin page search, the generic Django admin, the site history report and the page's history
never show a family's name.
"""

import pytest
from django.db import transaction

from bookings.models import Booking
from home.models import SessionDate
from tests.conftest import make_staff_user
from tests.home.isolation.conftest import SECRET, shown

PHONE = {
    "phone-name": "電話 太郎",
    "phone-contact": "0451234567",
    "phone-child_age_months": "3",
    "phone-adults": "1",
    "phone-children": "1",
}
# action -> (method, path after /admin/bookings/, data)
ACTIONS = {
    "list": ("get", "", None),
    "detail": ("get", "{key}/", None),
    "csv": ("get", "{key}/export.csv", None),
    "attended": ("post", "{key}/attendance/", {"attended": ["{booking}"]}),
    "add by phone": ("post", "{key}/add/", PHONE),
    "cancel booking": ("post", "{key}/bookings/{booking}/cancel/", None),
    "confirm cancel date": ("get", "{key}/cancel/", None),
    "cancel date": ("post", "{key}/cancel/", {"reason": "講師の都合"}),
}
MENU_LINK = '"name": "bookings"'  # the sidebar's menu item (JSON)


def snapshot():
    rows = list(SessionDate.objects.values_list("pk", "cancelled_at"))
    return rows, list(Booking.objects.order_by("pk").values_list("pk", "status", "attended", "name"))


def attempt(client, action, date):
    method, tail, data = ACTIONS[action]
    booking = Booking.objects.filter(session_date__session=date.session).first()
    fields = {"key": date.key, "booking": booking.pk}
    path = "/admin/bookings/" + tail.format(**fields)
    if data:
        data = {
            name: [v.format(**fields) for v in value] if isinstance(value, list) else value
            for name, value in data.items()
        }
    before = snapshot()
    with transaction.atomic():
        response = getattr(client, method)(path, data or {})
        changed = snapshot() != before
        transaction.set_rollback(True)
    return response, changed, date


def outcome(response, changed, date):
    """What the user got: "done" (changed the data, or saw a family or the date), "login", or the status."""
    body = _body(response)
    if changed or (response.status_code == 200 and (SECRET in body or f"/admin/bookings/{date.key}/" in body)):
        return "done"
    if response.status_code == 302 and "/admin/login/" in response["Location"]:
        return "login"
    return str(response.status_code)


def _body(response):
    return response.content.decode(errors="replace")


def results(client, date):
    return {action: outcome(*attempt(client, action, date)) for action in ACTIONS}


def refused(answer, list_answer):
    return {action: list_answer if action == "list" else answer for action in ACTIONS}


@pytest.mark.parametrize("role", ["editor", "manager"])
def test_another_hubs_staff_get_404_and_learn_nothing(date_b, staff, client_as, role):
    assert results(client_as(staff[role]), date_b) == refused("404", "200")


def test_a_hub_a_editor_who_reviews_hub_b_still_gets_404(date_b, hub_b, client_as):
    user = make_staff_user("editor", username="editor-a-reviewer-b")
    user.groups.add(hub_b.ward_reviewers)
    assert results(client_as(user), date_b) == refused("404", "200")


@pytest.mark.parametrize("role", ["reviewer", "city"])
def test_ward_reviewers_and_city_staff_get_403(date_b, staff, client_as, role):
    assert results(client_as(staff[role]), date_b) == refused("403", "403")


def test_hub_b_reviewer_gets_403(date_b, staff_b, client_as):
    assert results(client_as(staff_b["reviewer"]), date_b) == refused("403", "403")


def test_anonymous_users_are_sent_to_log_in(date_b, client):
    assert results(client, date_b) == refused("login", "login")


@pytest.mark.parametrize("role", ["editor", "manager", "superuser"])
def test_control_hub_b_staff_and_superusers_do_every_action(date_b, staff_b, superuser, client_as, role):
    user = superuser if role == "superuser" else staff_b[role]
    assert results(client_as(user), date_b) == dict.fromkeys(ACTIONS, "done")


def test_the_menu_item_shows_to_those_who_keep_bookings(date_b, staff, staff_b, client_as):
    for user, expected in ((staff["editor"], True), (staff["manager"], True), (staff["reviewer"], False)):
        body = client_as(user).get("/admin/").content.decode()
        assert (MENU_LINK in body) is expected, user
    assert MENU_LINK not in client_as(staff["city"]).get("/admin/").content.decode()


def test_no_side_route_shows_a_familys_name(date_b, staff_b, superuser, client_as):
    client = client_as(staff_b["manager"])
    client.post(f"/admin/bookings/{date_b.key}/cancel/", {"reason": "講師の都合"})
    names = {f"{SECRET} 家族", f"{SECRET} 待ち", "secret@example.jp"}
    for route in (
        f"/admin/pages/search/?q={SECRET}",
        "/admin/reports/site-history/",
        "/admin/reports/site-history/?export=csv",
        f"/admin/pages/{date_b.page.pk}/history/",
        "/admin/snippets/",
    ):
        response = client.get(route, follow=True)
        assert response.status_code == 200, route
        assert shown(response, names) == [], route
    admin = client_as(superuser)
    assert "bookings" not in admin.get("/django-admin/").content.decode().lower()
    assert admin.get("/django-admin/bookings/booking/").status_code == 404
    assert admin.get("/admin/snippets/bookings/booking/").status_code == 404
    history = admin.get(f"/admin/pages/{date_b.page.pk}/history/").content.decode()
    assert "中止" in history and SECRET not in history
