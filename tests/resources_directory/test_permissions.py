"""Who may do what with listings and with the directory's categories and areas."""

import pytest
from django.contrib.auth.models import AnonymousUser
from wagtail.permission_policies.pages import PagePermissionPolicy

from resources_directory.factories import AreaFactory, CategoryFactory, ListingPageFactory
from resources_directory.models import ListingPage

# role -> actions allowed on a listing page (everything else refused)
LISTING_MATRIX = {
    "anonymous": set(),
    "editor": {"add", "edit", "publish", "unpublish", "delete"},
    "reviewer": set(),
    "manager": {"add", "edit", "publish", "unpublish", "delete"},
}
# model -> role -> snippet admin view -> allowed (a refused staff user is redirected to the dashboard, anonymous
# to login). Categories are shared by every hub and kept by the city; areas belong to a hub and its staff.
NOTHING = {"index": False, "add": False, "delete": False}
SNIPPET_MATRIX = {
    "category": {
        "anonymous": NOTHING,
        "editor": NOTHING,
        "reviewer": NOTHING,
        "manager": NOTHING,
        "city": {"index": True, "add": True, "delete": True},
    },
    "area": {
        "anonymous": NOTHING,
        "editor": {"index": True, "add": True, "delete": False},
        "reviewer": NOTHING,
        "manager": {"index": True, "add": True, "delete": True},
        "city": NOTHING,
    },
}


@pytest.fixture
def listing(directory):
    return ListingPageFactory(parent=directory, slug="perm-listing")


def listing_can(listing, directory, user, action):
    tester = listing.permissions_for_user(user)
    return {
        "add": lambda: PagePermissionPolicy().user_has_permission_for_instance(user, "add", directory),
        "edit": tester.can_edit,
        "publish": tester.can_publish,
        "unpublish": tester.can_unpublish,
        "delete": tester.can_delete,
    }[action]()


@pytest.mark.parametrize("role", list(LISTING_MATRIX))
def test_listing_permission_matrix(listing, directory, staff, role):
    user = AnonymousUser() if role == "anonymous" else staff[role]
    for action in ("add", "edit", "publish", "unpublish", "delete"):
        assert listing_can(listing, directory, user, action) is (action in LISTING_MATRIX[role]), action


@pytest.mark.parametrize("role", list(SNIPPET_MATRIX["area"]))
def test_category_and_area_snippet_matrix(home, staff, client_for, role):
    objects = {"category": CategoryFactory(slug="perm-category"), "area": AreaFactory(slug="perm-area")}
    client = client_for(role)
    for model, instance in objects.items():
        urls = {
            "index": f"/admin/snippets/resources_directory/{model}/",
            "add": f"/admin/snippets/resources_directory/{model}/add/",
            "delete": f"/admin/snippets/resources_directory/{model}/delete/{instance.pk}/",
        }
        for name, url in urls.items():
            response = client.get(url)
            assert (response.status_code == 200) is SNIPPET_MATRIX[model][role][name], (model, name)
            if response.status_code != 200:
                assert response.status_code == 302
                assert response.url.startswith("/admin/login/" if role == "anonymous" else "/admin/")


def test_editor_can_create_a_listing_with_hours_through_the_admin(directory, taxonomy, client_for):
    client = client_for("editor")
    url = f"/admin/pages/add/resources_directory/listingpage/{directory.pk}/"
    assert client.get(url).status_code == 200
    data = {
        "title": "新しいサロン",
        "slug": "new-salon",
        "kana": "あたらしいさろん",
        "summary": "",
        "categories": [taxonomy["salon"].pk],
        "area": taxonomy["hino"].pk,
        "address": "",
        "postal_code": "234-0051",
        "latitude": "35.38",
        "longitude": "139.59",
        "min_age_months": "0",
        "max_age_months": "11",
        "fee": "",
        "booking_info": "",
        "languages": "",
        "phone": "",
        "website": "",
        "last_verified": "",
        "organisation": "",
        "opening_hours-TOTAL_FORMS": "1",
        "opening_hours-INITIAL_FORMS": "0",
        "opening_hours-MIN_NUM_FORMS": "0",
        "opening_hours-MAX_NUM_FORMS": "1000",
        "opening_hours-0-weekday": "1",
        "opening_hours-0-week_of_month": "2",
        "opening_hours-0-opens": "10:00",
        "opening_hours-0-closes": "11:30",
        "opening_hours-0-ORDER": "1",
        "opening_hours-0-DELETE": "",
        "opening_hours-0-id": "",
        "closures-TOTAL_FORMS": "0",
        "closures-INITIAL_FORMS": "0",
        "closures-MIN_NUM_FORMS": "0",
        "closures-MAX_NUM_FORMS": "1000",
        "action-publish": "action-publish",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = ListingPage.objects.get(slug="new-salon")
    assert page.live and [str(h.weekday) + str(h.week_of_month) for h in page.opening_hours.all()] == ["12"]


def test_admin_rejects_a_latitude_without_longitude(directory, client_for):
    client = client_for("editor")
    url = f"/admin/pages/add/resources_directory/listingpage/{directory.pk}/"
    data = {
        "title": "座標",
        "slug": "coords",
        "latitude": "35.38",
        "longitude": "",
        "opening_hours-TOTAL_FORMS": "0",
        "opening_hours-INITIAL_FORMS": "0",
        "closures-TOTAL_FORMS": "0",
        "closures-INITIAL_FORMS": "0",
        "action-publish": "action-publish",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert not ListingPage.objects.filter(slug="coords").exists()
