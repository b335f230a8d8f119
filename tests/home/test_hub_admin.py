"""Creating a hub: the superusers' admin page (/admin/hubs/) and ``manage.py create_hub``."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import Collection, GroupPagePermission, Site, Workflow

from home.demo import DEV_PORT
from home.hubs import all_hubs
from home.models import HubSettings
from home.permissions import STAFF_ROLES
from tests.conftest import log_in

NEW_HUB = {
    "name": "みどり区地域子育て支援拠点 もり",
    "ward": "みどり区",
    "hostname": "midori.example.jp",
    "port": "80",
    "slug": "midori",
    "operator": "特定非営利活動法人もりのこ",
}


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("root", "root@x.invalid", "test-password-123")


@pytest.fixture
def admin_client(client, home, superuser):
    return log_in(client, superuser)


def counts():
    return (Site.objects.count(), Group.objects.count(), Collection.objects.count(), Workflow.objects.count())


def test_superusers_see_every_hub_with_its_groups_and_the_menu_item(admin_client, home):
    response = admin_client.get("/admin/hubs/")
    html = response.content.decode()
    assert response.status_code == 200
    hub = all_hubs().get()
    assert hub.hub_name in html and hub.site.hostname in html
    assert all(hub.group(role).name in html for role in STAFF_ROLES)
    assert "拠点を追加" in html  # Japanese first
    assert "/admin/hubs/" in admin_client.get("/admin/").content.decode()  # the settings menu item


def test_adding_a_hub_makes_its_site_groups_collection_and_sections(admin_client, home):
    response = admin_client.post("/admin/hubs/", NEW_HUB)
    assert response.status_code == 302
    hub = HubSettings.objects.get(slug="midori")
    assert (hub.hub_name, hub.ward, hub.operator) == (NEW_HUB["name"], "みどり区", NEW_HUB["operator"])
    assert (hub.site.hostname, hub.site.port) == ("midori.example.jp", 80)
    assert [hub.group(role).name for role in STAFF_ROLES] == [f"{NEW_HUB['name']}: {role}" for role in STAFF_ROLES]
    assert hub.collection.name == NEW_HUB["name"]
    home_b = hub.site.root_page
    assert [page.slug for page in home_b.get_children()] == ["programs", "directory", "evaluations", "about"]
    assert GroupPagePermission.objects.filter(group=hub.editors, page=home_b).exists()
    listing = admin_client.get("/admin/hubs/").content.decode()
    assert NEW_HUB["name"] in listing and "midori.example.jp" in listing


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": "  "}, "name"),
        ({"name": "港南区地域子育て支援拠点 はっち"}, "name"),  # the demo hub's name
        ({"slug": "konan"}, "slug"),  # the demo hub's key
        ({"slug": "Midori Ku"}, "slug"),
        ({"slug": "みどり"}, "slug"),
        ({"slug": ""}, "slug"),
        ({"hostname": "localhost", "port": str(DEV_PORT)}, "hostname"),  # the demo hub's site
        ({"hostname": "http://midori.example.jp/"}, "hostname"),
        ({"hostname": ""}, "hostname"),
        ({"port": "0"}, "port"),
        ({"port": "abc"}, "port"),
        ({"ward": ""}, "ward"),
    ],
)
def test_invalid_input_is_named_on_its_field_and_nothing_is_made(admin_client, home, changes, field):
    before = counts()
    response = admin_client.post("/admin/hubs/", {**NEW_HUB, **changes})
    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    assert counts() == before


def test_errors_are_in_japanese(admin_client, home):
    clash = {"slug": "konan", "hostname": "localhost", "port": str(DEV_PORT)}
    response = admin_client.post("/admin/hubs/", {**NEW_HUB, **clash})
    assert response.context["form"].errors == {
        "slug": ["このキーは別の拠点が使っています。"],
        "hostname": ["このホスト名とポートのサイトはすでにあります。"],
    }


def test_a_clash_with_existing_groups_is_a_form_error(admin_client, home):
    Group.objects.create(name=f"{NEW_HUB['name']}: Editors")
    response = admin_client.post("/admin/hubs/", NEW_HUB)
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["name"]
    assert not HubSettings.objects.filter(slug="midori").exists()


@pytest.mark.parametrize("role", ["editor", "reviewer", "manager", "city"])
def test_other_staff_are_refused(home, staff, client, role):
    log_in(client, staff[role])
    for response in (client.get("/admin/hubs/"), client.post("/admin/hubs/", NEW_HUB)):
        assert (response.status_code, response.url) == (302, "/admin/")  # Wagtail: to the dashboard, with a message
    assert not HubSettings.objects.filter(slug="midori").exists()
    assert "/admin/hubs/" not in client.get("/admin/").content.decode()


def test_anonymous_visitors_are_sent_to_the_login(home, client):
    response = client.get("/admin/hubs/")
    assert response.status_code == 302 and response.url.startswith("/admin/login/")


def create_hub_command(*extra):
    out = io.StringIO()
    arguments = ["--name", NEW_HUB["name"], "--ward", "みどり区", "--hostname", "midori.example.jp", *extra]
    call_command("create_hub", *arguments, stdout=out)
    return out.getvalue()


def test_the_command_creates_a_hub_and_can_run_again(home):
    output = create_hub_command("--slug", "midori")
    hub = HubSettings.objects.get(slug="midori")
    assert f"Hub {NEW_HUB['name']} (midori) at http://midori.example.jp:80/" in output
    assert all(hub.group(role).name in output for role in STAFF_ROLES)
    before = counts()
    assert "midori" in create_hub_command("--slug", "midori")
    assert counts() == before
    assert HubSettings.objects.filter(slug="midori").count() == 1


def test_the_command_refuses_a_key_another_hub_uses(home):
    before = counts()
    with pytest.raises(CommandError, match="konan"):
        create_hub_command("--slug", "konan")
    assert counts() == before
