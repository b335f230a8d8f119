"""``/admin/live-status/``: who may set a place's status (role × action × hub), what a bad form does, what is logged,
and that ひろばスタッフ can do that and nothing else."""

import pytest
from django.contrib.auth.models import Permission
from wagtail.models import PageLogEntry, Revision

from home.hub_setup import create_hub
from home.hubs import hub_for_page
from resources_directory.models import Area, HubClosure, LiveStatus
from tests.conftest import log_in, make_city_user, make_staff_user
from tests.resources_directory.live_helpers import make_floor_user, open_all_day

pytestmark = pytest.mark.django_db

LIST = "/admin/live-status/"


@pytest.fixture
def hubs(home, directory):
    hub_a = hub_for_page(home)
    hub_b = create_hub(
        name="つばさ区地域子育て支援拠点 そら", ward="つばさ区", hostname="tsubasa.localhost", slug="tsubasa"
    )
    directory_b = hub_b.site.root_page.get_children().get(slug="directory").specific
    return {
        "a": hub_a,
        "b": hub_b,
        "place_a": open_all_day(directory, slug="hiroba-a", title="はっちのひろば"),
        "place_b": open_all_day(directory_b, slug="hiroba-b", title="そらのひろば"),
    }


def user_for(role, hubs):
    if role == "anonymous":
        return None
    if role == "city":
        return make_city_user()
    kind, hub = role.rsplit("_", 1)
    if kind == "floor":
        return make_floor_user(hubs[hub], username=role)
    return make_staff_user(kind, hub=hubs[hub], username=role)


def client_as(client, role, hubs):
    user = user_for(role, hubs)
    if user is not None:
        log_in(client, user)
    return client


# role → (GET the list, POST on hub A's place): "ok" = 200 / saved, "403", "404", "login"
MATRIX = {
    "anonymous": ("login", "login"),
    "editor_a": ("ok", "ok"),
    "floor_a": ("ok", "ok"),
    "reviewer_a": ("403", "403"),
    "manager_a": ("403", "403"),
    "city": ("403", "403"),
    "editor_b": ("ok", "404"),
    "floor_b": ("ok", "404"),
}


def outcome(response):
    if response.status_code == 302 and "/login/" in response["Location"]:
        return "login"
    if response.status_code == 200 or (response.status_code == 302 and response["Location"] == LIST):
        return "ok"
    return str(response.status_code)


@pytest.mark.parametrize("role", list(MATRIX))
def test_who_may_list_and_set_the_status(client, hubs, role):
    client = client_as(client, role, hubs)
    listed, posted = MATRIX[role]
    response = client.get(LIST)
    assert outcome(response) == listed
    if listed == "ok":
        page = response.content.decode()
        own, other = ("place_a", "place_b") if role.endswith("_a") else ("place_b", "place_a")
        assert hubs[own].title in page and hubs[other].title not in page
    response = client.post(f"{LIST}{hubs['place_a'].pk}/", {"state": "full", "note": "12時まで入室制限"})
    assert outcome(response) == posted
    saved = LiveStatus.objects.filter(listing=hubs["place_a"]).first()
    assert (saved is not None) == (posted == "ok")


def test_a_status_set_by_floor_staff_is_saved_logged_and_shown_without_a_revision(client, hubs):
    floor = make_floor_user(hubs["a"])
    log_in(client, floor)
    place = hubs["place_a"]
    revisions = Revision.objects.count()
    response = client.post(f"{LIST}{place.pk}/", {"state": "full", "note": "12時まで入室制限"}, follow=True)
    assert response.redirect_chain[-1][0] == LIST
    assert "はっちのひろば：「満員です」にしました。" in response.content.decode()
    status = LiveStatus.objects.get(listing=place)
    assert (status.state, status.note, status.set_by) == ("full", "12時まで入室制限", floor)
    entry = PageLogEntry.objects.get(page=place, action="resources_directory.live_status")
    assert entry.user == floor and entry.data == {"state": "full", "note": "12時まで入室制限"}
    assert "満員です" in entry.message
    assert Revision.objects.count() == revisions  # not page content: no revision, no workflow
    client.logout()
    assert "満員です" in client.get(place.url).content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"state": "crowded"}, "4つのボタンのどれかを選んでください。"),
        ({}, "4つのボタンのどれかを選んでください。"),
        ({"state": "full", "note": "あ" * 81}, "ひとことは80文字までです（今は81文字）。"),
    ],
)
def test_a_bad_state_or_note_is_a_400_and_nothing_is_saved(client, hubs, data, message):
    log_in(client, make_floor_user(hubs["a"]))
    response = client.post(f"{LIST}{hubs['place_a'].pk}/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not LiveStatus.objects.exists()
    assert not PageLogEntry.objects.filter(action="resources_directory.live_status").exists()


def test_a_note_of_80_characters_is_accepted(client, hubs):
    log_in(client, make_floor_user(hubs["a"]))
    assert client.post(f"{LIST}{hubs['place_a'].pk}/", {"state": "busy", "note": "あ" * 80}).status_code == 302
    assert LiveStatus.objects.get().note == "あ" * 80


def test_get_on_the_set_url_and_an_unknown_place(client, hubs):
    log_in(client, make_floor_user(hubs["a"]))
    assert client.get(f"{LIST}{hubs['place_a'].pk}/").status_code == 405
    assert client.post(f"{LIST}999999/", {"state": "full"}).status_code == 404


def test_floor_staff_can_do_nothing_else(client, hubs):
    floor = make_floor_user(hubs["a"])
    log_in(client, floor)
    place = hubs["place_a"]
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200 and "場所の今の様子を設定する" in dashboard.content.decode()  # the way in
    # No page right: the editor, the add form and a POST to edit send them away; nothing changes.
    for url in (f"/admin/pages/{place.pk}/edit/", f"/admin/pages/{place.get_parent().pk}/add_subpage/"):
        assert client.get(url).status_code in (302, 403)
    client.post(f"/admin/pages/{place.pk}/edit/", {"title": "書き換え", "slug": place.slug})
    place.refresh_from_db()
    assert place.title == "はっちのひろば"
    # No bookings, areas, closures, images, documents, users.
    assert not any(floor.has_perm(f"bookings.{action}_booking") for action in ("add", "change", "view"))
    for url in (
        "/admin/snippets/resources_directory/area/add/",
        "/admin/snippets/resources_directory/hubclosure/add/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/users/",
    ):
        assert client.get(url).status_code in (302, 403), url
    client.post("/admin/snippets/resources_directory/hubclosure/add/", {"hub": hubs["a"].pk, "reason": "x"})
    assert not HubClosure.objects.exists() and not Area.objects.filter(name="x").exists()
    granted = {f"{p.content_type.app_label}.{p.codename}" for p in Permission.objects.filter(group__user=floor)}
    assert granted == {"wagtailadmin.access_admin", "resources_directory.set_live_status"}


def test_a_new_hub_gets_its_floor_staff_group(hubs):
    group = hubs["b"].floor_staff
    assert group.name == "つばさ区地域子育て支援拠点 そら: Floor staff"
    assert set(group.permissions.values_list("codename", flat=True)) == {"access_admin", "set_live_status"}
    assert hubs["a"].floor_staff is not None


def test_hub_closures_are_kept_by_each_hubs_editors_and_managers_only(client, hubs):
    closure = HubClosure.objects.create(hub=hubs["a"], start_date="2026-12-08", end_date="2026-12-08", reason="警報")
    edit = f"/admin/snippets/resources_directory/hubclosure/edit/{closure.pk}/"
    log_in(client, make_staff_user("editor", hub=hubs["b"], username="editor_b"))
    assert client.get(edit).status_code == 404  # another hub's closure does not exist for her
    assert "警報" not in client.get("/admin/snippets/resources_directory/hubclosure/").content.decode()
    response = client.get("/admin/snippets/resources_directory/hubclosure/add/")
    choices = response.context["form"].fields["hub"].queryset
    assert list(choices) == [hubs["b"]]
    log_in(client, make_staff_user("editor", hub=hubs["a"], username="editor_a"))
    assert client.get(edit).status_code == 200
    response = client.post(
        edit, {"hub": hubs["a"].pk, "start_date": "2026-12-08", "end_date": "2026-12-07", "reason": "x"}
    )
    assert response.status_code == 200 and "終了日は開始日より前にできません。" in response.content.decode()
    closure.refresh_from_db()
    assert closure.reason == "警報"
