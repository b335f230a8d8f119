"""A listing's e-mail for updates is for the hub only: no public page, API, open data, API v2 field or search
index carries it."""

import json

import pytest
from wagtail.models import Page

from resources_directory.models import ListingPage
from search.directory import search_directory
from tests.resources_directory.freshness_helpers import stale_listing

pytestmark = pytest.mark.django_db

SECRET_ADDRESS = "secretcircle.kaori@x.invalid"
LOCAL_PART = "secretcircle"


@pytest.fixture
def listing(directory):
    return stale_listing(directory, title="ひよこサロン", email=SECRET_ADDRESS)


def everything(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8")


def test_no_public_answer_carries_the_address(client, listing, directory):
    urls = [
        listing.url,
        directory.url,
        f"{directory.url}?q=ひよこ",
        "/api/v1/directory/",
        "/api/v1/directory/?q=ひよこ",
        "/open-data/directory.csv",
        "/open-data/directory.json",
        f"/api/v2/pages/{listing.pk}/",
        "/api/v2/pages/?type=resources_directory.ListingPage&fields=*",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = everything(response)
        assert "ひよこサロン" in body, url  # the listing is there...
        assert LOCAL_PART not in body, url  # ...without its address
    assert "update_contact_email" not in ListingPage.api_fields


def test_the_address_is_not_asked_for_or_searchable(client, listing):
    unknown = client.get("/api/v2/pages/?type=resources_directory.ListingPage&fields=update_contact_email")
    assert unknown.status_code == 400
    assert "update_contact_email" not in {field.field_name for field in ListingPage.search_fields}
    assert [page.pk for page in Page.objects.live().search("ひよこサロン")] == [listing.pk]  # the index works...
    assert list(Page.objects.live().search(LOCAL_PART)) == []  # ...and holds no address
    assert search_directory({"q": "ひよこ"}).count == 1
    assert search_directory({"q": LOCAL_PART}).count == 0
    assert json.loads(everything(client.get("/api/v1/directory/", {"q": LOCAL_PART})))["count"] == 0
