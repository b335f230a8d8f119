"""Hub-owned snippets (areas, goals): hub A's staff neither open nor change hub B's, nor give their own to hub B.

Another hub's row answers 404 on every view of one row (as if it did not exist) to staff who keep that kind of
snippet; users without any right on the model are sent to the dashboard by Wagtail as before.
"""

import pytest
from django.urls import NoReverseMatch, reverse
from wagtail.test.utils.form_data import querydict_from_html

from goals.models import EvaluationIndexPage, Goal
from resources_directory.factories import AreaFactory, ListingPageFactory
from resources_directory.models import Area, DirectoryPage
from tests.home.isolation.conftest import ROLES

ROW_VIEWS = ("edit", "delete", "copy", "usage", "history", "history_results", "inspect")
KEEPERS = {"area": ("editor", "manager"), "goal": ("editor", "manager")}
# Goals are deleted with their evaluations index only: no staff role has goals.delete_goal.
MANAGER_DELETES = {"area": True, "goal": False}


def row_urls(row):
    urls = {}
    for view in ROW_VIEWS:
        try:
            urls[view] = reverse(row.snippet_viewset.get_url_name(view), args=[row.pk])
        except NoReverseMatch:
            continue
    return urls


@pytest.mark.parametrize("role", ROLES)
def test_hub_a_staff_open_no_view_of_a_hub_b_row(b, staff, client_as, role):
    client = client_as(staff[role])
    for kind in KEEPERS:
        expected = 404 if role in KEEPERS[kind] else 302
        statuses = {view: client.get(url).status_code for view, url in row_urls(b[kind]).items()}
        assert statuses == dict.fromkeys(statuses, expected), kind


@pytest.mark.parametrize("kind", ["area", "goal"])
def test_control_hub_b_staff_open_their_own_row(b, staff_b, client_as, kind):
    client = client_as(staff_b["manager"])
    urls = row_urls(b[kind])
    expected = {view: 200 if view != "delete" or MANAGER_DELETES[kind] else 302 for view in urls}
    assert {view: client.get(url).status_code for view, url in urls.items()} == expected


def post_delete(client, row):
    client.post(reverse(row.snippet_viewset.get_url_name("delete"), args=[row.pk]))
    bulk = f"/admin/bulk/{row._meta.app_label}/{row._meta.model_name}/delete/?id={row.pk}"
    client.post(bulk)
    return type(row).objects.filter(pk=row.pk).exists()


def post_rename(client, root_client, row):
    url = reverse(row.snippet_viewset.get_url_name("edit"), args=[row.pk])
    data = querydict_from_html(root_client.get(url).content.decode(), form_id="w-editor-form")
    field = "name" if isinstance(row, Area) else "title"
    data[field] = "改ざん"
    client.post(url, data)
    return str(type(row).objects.get(pk=row.pk))


@pytest.mark.parametrize("role", ROLES)
def test_hub_a_staff_change_or_delete_no_hub_b_row(b, staff, client_as, root_client, role):
    client = client_as(staff[role])
    for kind in KEEPERS:
        assert post_rename(client, root_client, b[kind]) == str(b[kind]), kind
        assert post_delete(client, b[kind]), kind


@pytest.mark.parametrize("kind", ["area", "goal"])
def test_control_hub_b_manager_changes_and_deletes_their_row(b, staff_b, client_as, root_client, kind):
    client = client_as(staff_b["manager"])
    assert post_rename(client, root_client, b[kind]) == "改ざん"
    assert post_delete(client, b[kind]) is not MANAGER_DELETES[kind]


def options(response, name):
    form = response.context["form"]
    return {str(choice_value) for choice_value, _label in form.fields[name].choices if choice_value != ""}


def test_the_area_form_offers_only_the_users_hub_preset(b, hub_a, hub_b, staff, client_as):
    client = client_as(staff["editor"])
    response = client.get("/admin/snippets/resources_directory/area/add/")
    assert options(response, "hub") == {str(hub_a.pk)}
    assert response.context["form"].initial["hub"] == hub_a.pk
    data = {"hub": hub_b.pk, "name": "よその地域", "slug": "yoso", "sort_order": "0"}
    assert client.post("/admin/snippets/resources_directory/area/add/", data).status_code == 200
    assert not Area.objects.filter(slug="yoso").exists()
    client.post("/admin/snippets/resources_directory/area/add/", {**data, "hub": hub_a.pk})
    assert Area.objects.get(slug="yoso").hub == hub_a


def test_the_goal_form_offers_only_the_users_evaluations(b, home, staff, client_as):
    client = client_as(staff["manager"])
    own = EvaluationIndexPage.objects.child_of(home).get()
    response = client.get("/admin/snippets/goals/goal/add/")
    assert options(response, "evaluation_index") == {str(own.pk)}
    data = {"title": "よその目標", "evaluation_index": b["evaluations"].pk}
    assert client.post("/admin/snippets/goals/goal/add/", data).status_code == 200
    assert not Goal.objects.filter(title="よその目標").exists()


def test_a_listing_offers_only_its_hubs_areas(b, home, hub_a, staff, staff_b, client_as):
    own_area = AreaFactory(hub=hub_a, name="日野", slug="hino-a")
    directory = DirectoryPage.objects.child_of(home).get()
    client = client_as(staff["editor"])
    add = client.get(f"/admin/pages/add/resources_directory/listingpage/{directory.pk}/")
    assert options(add, "area") == {str(own_area.pk)}
    listing = ListingPageFactory(parent=directory, area=own_area)
    edit_url = f"/admin/pages/{listing.pk}/edit/"
    response = client.get(edit_url)
    assert options(response, "area") == {str(own_area.pk)}
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data["area"] = b["area"].pk
    assert client.post(edit_url, data).status_code == 200  # the form again, with an error on the area
    assert listing.get_latest_revision_as_object().area == own_area
    control = client_as(staff_b["editor"]).get(f"/admin/pages/{b['listing'].pk}/edit/")
    assert options(control, "area") == {str(b["area"].pk)}
