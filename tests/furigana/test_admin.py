"""Corrected readings are a hub-owned snippet: each hub's Editors and Managers keep their own hub's, and see,
choose and change nothing of another hub's (listing, its search, the chooser, row views, forms, bulk actions, site
history). Bad input is an error on the field, never a saved row."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from furigana.models import Reading
from tests.conftest import log_in, make_city_user, make_staff_user

pytestmark = pytest.mark.django_db

LIST = "/admin/snippets/furigana/reading/"
ADD = f"{LIST}add/"
SECRET = "秘密谷"  # hub B's written form: must never show to hub A's staff
ROW_VIEWS = ("edit", "delete", "copy", "usage", "history")


@pytest.fixture
def users(hubs):
    made = {
        f"{role}_{key}": make_staff_user(role, hub=hubs[key], username=f"{role}_{key}")
        for role in ("editor", "manager", "reviewer")
        for key in ("a", "b")
    }
    made["city"] = make_city_user()
    made["root"] = get_user_model().objects.create_superuser("root", "root@x.invalid", "test-password-123")
    return made


@pytest.fixture
def row_b(client, hubs, users):
    """Hub B's reading, added by hub B's editor through the admin (so it is in the site history too)."""
    log_in(client, users["editor_b"])
    response = client.post(ADD, {"hub": hubs["b"].pk, "text": SECRET, "reading": "ひみつや"})
    assert response.status_code == 302  # control: hub B's editor keeps hub B's readings
    client.logout()
    return Reading.objects.get(text=SECRET)


def row_urls(row):
    return {view: reverse(row.snippet_viewset.get_url_name(view), args=[row.pk]) for view in ROW_VIEWS}


def chooser_urls():
    chooser = Reading.snippet_viewset.chooser_viewset
    choose, results = (reverse(chooser.get_url_name(name)) for name in ("choose", "choose_results"))
    return [choose, f"{results}?q=%E7%A7%98%E5%AF%86"]  # 秘密


@pytest.mark.parametrize("role", ["editor_a", "manager_a"])
def test_hub_a_keepers_see_open_and_change_nothing_of_hub_b(client, hubs, users, row_b, role):
    own = Reading.objects.create(hub=hubs["a"], text="野庭", reading="のば")
    log_in(client, users[role])
    listing = client.get(LIST).content.decode()
    assert "野庭" in listing and SECRET not in listing  # control: their own row is listed
    assert row_urls(own)["edit"] in client.get(f"{LIST}?q=%E9%87%8E%E5%BA%AD").content.decode()  # and found (野庭)
    for url in [
        f"{LIST}?q=%E7%A7%98%E5%AF%86",
        *chooser_urls(),
        "/admin/reports/site-history/",
        "/admin/pages/search/?q=秘密",
    ]:
        response = client.get(url)
        assert response.status_code == 200 and SECRET not in response.content.decode(), url
    assert {view: client.get(url).status_code for view, url in row_urls(row_b).items()} == dict.fromkeys(ROW_VIEWS, 404)
    chosen = reverse(Reading.snippet_viewset.chooser_viewset.get_url_name("chosen"), args=[row_b.pk])
    assert client.get(chosen).status_code == 404

    client.post(row_urls(row_b)["edit"], {"hub": hubs["b"].pk, "text": SECRET, "reading": "かいざん"})
    client.post(row_urls(row_b)["delete"])
    client.post(f"/admin/bulk/furigana/reading/delete/?id={row_b.pk}")
    row_b.refresh_from_db()
    assert row_b.reading == "ひみつや"

    add = client.get(ADD)
    assert [choice.pk for choice in add.context["form"].fields["hub"].queryset] == [hubs["a"].pk]
    response = client.post(ADD, {"hub": hubs["b"].pk, "text": "他所町", "reading": "よそまち"})
    assert response.status_code == 200 and not Reading.objects.filter(text="他所町").exists()

    response = client.post(row_urls(own)["edit"], {"hub": hubs["a"].pk, "text": "野庭", "reading": "ノバ"})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.reading == "のば"  # katakana kept as hiragana


@pytest.mark.parametrize("role", ["reviewer_a", "city"])
def test_other_roles_have_no_readings(client, hubs, users, row_b, role):
    log_in(client, users[role])
    for url in (LIST, ADD, row_urls(row_b)["edit"]):
        assert client.get(url).status_code in (302, 403), url
    client.post(ADD, {"hub": hubs["a"].pk, "text": "野庭", "reading": "のば"})
    assert not Reading.objects.filter(text="野庭").exists()


def test_control_hub_b_manager_and_a_superuser_keep_hub_b_readings(client, hubs, users, row_b):
    for role in ("manager_b", "root"):
        log_in(client, users[role])
        assert {view: client.get(url).status_code for view, url in row_urls(row_b).items()} == dict.fromkeys(
            ROW_VIEWS, 200
        )
        assert SECRET in client.get(LIST).content.decode()
    response = client.post(row_urls(row_b)["delete"])
    assert response.status_code == 302 and not Reading.objects.filter(pk=row_b.pk).exists()


@pytest.mark.parametrize(
    ("text", "reading", "field", "message"),
    [
        ("はっち", "はっち", "text", "漢字を1字以上"),
        ("JR港南台", "じぇいあーる", "text", "漢字を1字以上"),
        ("野庭", "noba", "reading", "ひらがな（またはカタカナ）だけ"),
        ("野庭", "の庭", "reading", "ひらがな（またはカタカナ）だけ"),
        ("子育て", "こそだ", "reading", "表記のかな"),
        ("上永谷", "", "reading", "必須"),
    ],
)
def test_a_bad_reading_is_an_error_on_its_field(client, hubs, users, text, reading, field, message):
    log_in(client, users["editor_a"])
    response = client.post(ADD, {"hub": hubs["a"].pk, "text": text, "reading": reading})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert message in " ".join(errors.get(field, [])), errors
    assert not Reading.objects.exists()


def test_one_reading_per_written_form_and_hub(client, hubs, users):
    Reading.objects.create(hub=hubs["a"], text="野庭", reading="のば")
    Reading.objects.create(hub=hubs["b"], text="野庭", reading="のにわ")  # another hub may read it otherwise
    log_in(client, users["editor_a"])
    response = client.post(ADD, {"hub": hubs["a"].pk, "text": "野庭", "reading": "やてい"})
    assert response.status_code == 200 and re.search("既に存在|already exists", response.content.decode())
    assert Reading.objects.filter(hub=hubs["a"]).count() == 1
