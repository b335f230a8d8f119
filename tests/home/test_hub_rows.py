"""What counts as a hub: Wagtail's blank settings rows are not hubs; making a hub never takes over another one's
site; deleting a hub's site keeps its areas; errors from making a hub are in Japanese."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, Site

from goals.city import hub_columns
from home.hub_scope import hub_finder, scope_for_site
from home.hub_setup import HubError, create_hub
from home.hubs import all_hubs, hub_for_path, hub_for_site
from home.management.commands.create_dev_users import dev_users
from home.models import HubSettings
from resources_directory.models import Area
from search.directory.hubs import read_hubs
from tests.conftest import log_in, make_city_user

TSUBASA = {"name": "つばさ区地域子育て支援拠点 そら", "ward": "つばさ区", "hostname": "tsubasa.localhost"}


@pytest.fixture
def alias(home):
    """A second hostname on the demo hub's home page, that has rendered a page (so Wagtail made its settings row)."""
    site = Site.objects.create(hostname="alias.localhost", port=80, root_page=home, site_name="別名")
    assert Client().get("/", HTTP_HOST="alias.localhost").status_code == 200
    return site


def test_a_second_hostname_on_a_hub_is_not_another_hub(alias, home):
    assert HubSettings.objects.filter(site=alias).exists()  # Wagtail's blank row is there...
    hub = all_hubs().get()  # ...but there is still one hub, everywhere
    assert hub.slug == "konan"
    assert read_hubs() == [hub]
    assert hub_for_path(home.path) == hub_finder(HubSettings.objects.all())(home.path) == hub
    assert hub_for_site(alias) == hub and scope_for_site(alias).current == hub
    assert [(group.name, hub_) for _name, group, hub_ in dev_users() if hub_ is not None] == [
        (hub.group(role).name, hub) for role in ("Editors", "Ward reviewers", "Managers", "Floor staff")
    ]
    assert [column.hub for column in hub_columns(all_hubs(), 2022)] == [hub]


def test_the_agenda_and_the_city_view_answer_with_an_alias_site(client, alias):
    for host in ("localhost", "alias.localhost"):
        response = client.get("/programs/", HTTP_HOST=host)
        assert response.status_code == 200, host
        assert "港南区地域子育て支援拠点 はっち" in response.content.decode()
    create_hub(slug="tsubasa", **TSUBASA)
    log_in(client, make_city_user())
    response = client.get("/admin/city/goals/")
    assert response.status_code == 200
    assert [column.hub.slug for column in response.context["columns"]] == ["konan", "tsubasa"]


def test_a_new_default_hub_gets_its_own_site_and_leaves_the_old_default_alone(home):
    first = all_hubs().get()
    before = (first.hub_name, first.slug, first.site.hostname, first.site.port, first.site.root_page_id)
    hub = create_hub(slug="tsubasa", default=True, **TSUBASA)
    first = HubSettings.objects.get(pk=first.pk)
    assert (first.hub_name, first.slug, first.site.hostname, first.site.port, first.site.root_page_id) == before
    assert hub.site != first.site and hub.site.root_page_id != home.pk
    assert list(Site.objects.filter(is_default_site=True)) == [hub.site]
    assert [h.slug for h in all_hubs()] == ["konan", "tsubasa"]


def test_a_page_error_becomes_a_hub_error_and_a_form_error(client, home):
    Page.get_first_root_node().add_child(instance=Page(title="先客", slug="taken"))
    with pytest.raises(HubError):
        create_hub(slug="taken", **TSUBASA)
    assert not HubSettings.objects.filter(slug="taken").exists()
    superuser = get_user_model().objects.create_superuser("root", "root@x.invalid", "test-password-123")
    log_in(client, superuser)
    data = {"name": TSUBASA["name"], "ward": "つばさ区", "hostname": "tsubasa.localhost", "port": "80", "slug": "taken"}
    response = client.post("/admin/hubs/", data)
    assert response.status_code == 400
    assert "拠点を作成できませんでした" in response.content.decode()
    assert not all_hubs().filter(slug="taken").exists()


def test_deleting_a_hubs_site_keeps_its_areas(client, home):
    hub = create_hub(slug="tsubasa", **TSUBASA)
    area = Area.objects.create(hub=hub, name="つばさ台", slug="tsubasadai")
    superuser = get_user_model().objects.create_superuser("root", "root@x.invalid", "test-password-123")
    log_in(client, superuser)
    response = client.post(reverse("wagtailsites:delete", args=[hub.site.pk]))
    assert response.status_code == 302
    assert not Site.objects.filter(pk=hub.site.pk).exists()
    area.refresh_from_db()
    assert area.hub is None and area.name == "つばさ台"


def test_hub_errors_are_in_japanese(home):
    with translation.override("ja"), pytest.raises(HubError) as error:
        create_hub(slug="konan", **TSUBASA)
    assert "konan" in str(error.value) and "既に" in str(error.value)
    with translation.override("ja"), pytest.raises(HubError) as error:
        create_hub(slug="tsubasa", **{**TSUBASA, "name": " "})
    assert "名前" in str(error.value)
