"""Site search within the current hub by default, across hubs on request (``hub=all`` / ``hub=<key>``).

On the suite's database (SQLite or PostgreSQL); test_engine.py asks the same of the engine, and the last test here
makes the engine unreachable: the database answers with the same scope.
"""

import re

import pytest

from home.factories import ProgramPageFactory, StandardPageFactory
from resources_directory.factories import ListingPageFactory
from tests.home.programs.conftest import TSUBASA, TSUBASA_HOST, make_hub

A_PAGE = "リトミックのひろば（港南）"
B_PAGES = {"リトミックのひろば（つばさ）", "そらのリトミック教室", "つばさリトミック広場"}
A_KEYS = {"konan"}


def section(hub_home, slug):
    return hub_home.get_children().get(slug=slug).specific


def make_hub_pages(home):
    """The same word in both hubs: a standard page in 港南; a standard page, a program and a listing in つばさ."""
    hub_b = make_hub(**TSUBASA)
    intro = "音楽にあわせて親子で体を動かすリトミックです。"
    StandardPageFactory(parent=home, slug="rhythm", title=A_PAGE, intro=intro)
    StandardPageFactory(parent=hub_b, slug="rhythm", title="リトミックのひろば（つばさ）", intro=intro)
    ProgramPageFactory(parent=section(hub_b, "programs"), slug="rhythm-class", title="そらのリトミック教室")
    ListingPageFactory(parent=section(hub_b, "directory"), title="つばさリトミック広場", summary=intro)
    return hub_b


@pytest.fixture
def hub_pages(home):
    return make_hub_pages(home)


def api(client, params=None, **extra):
    response = client.get("/api/v1/search/", {"q": "リトミック", **(params or {})}, **extra)
    assert response.status_code == 200, response.content.decode()
    return response.json()


def titles(data):
    return {hit["title"] for hit in data["results"]}


def test_search_stays_within_the_hub_of_the_site_by_default(client, hub_pages):
    data = api(client)
    assert titles(data) == {A_PAGE} and data["count"] == 1
    assert [hit["hub"]["slug"] for hit in data["results"]] == ["konan"]
    assert [facet["key"] for facet in data["facets"]["type"]] == ["home.standardpage"]
    data = api(client, **TSUBASA_HOST)
    assert titles(data) == B_PAGES and data["count"] == 3
    assert {facet["key"]: facet["count"] for facet in data["facets"]["type"]} == {
        "home.standardpage": 1,
        "home.programpage": 1,
        "resources_directory.listingpage": 1,
    }


def test_all_hubs_finds_every_hub_and_says_whose_each_page_is(client, hub_pages):
    data = api(client, {"hub": "all"})
    assert titles(data) == {A_PAGE, *B_PAGES} and data["count"] == 4
    hubs = {hit["title"]: hit["hub"] for hit in data["results"]}
    assert hubs["そらのリトミック教室"] == {"slug": "tsubasa", "name": TSUBASA["name"], "ward": "つばさ区"}
    assert hubs[A_PAGE]["slug"] == "konan"
    urls = {hit["title"]: hit["url"] for hit in data["results"]}
    assert urls["そらのリトミック教室"] == "http://tsubasa.localhost/programs/rhythm-class/"
    assert titles(api(client, {"hub": "all"}, **TSUBASA_HOST)) == {A_PAGE, *B_PAGES}


def test_the_hub_parameter_picks_hubs_by_key(client, hub_pages):
    assert titles(api(client, {"hub": "tsubasa"})) == B_PAGES
    assert titles(api(client, {"hub": "konan"}, **TSUBASA_HOST)) == {A_PAGE}
    assert titles(api(client, {"hub": ["konan", "tsubasa"], "type": "home.programpage"})) == {"そらのリトミック教室"}


def test_an_empty_hub_is_not_given_as_in_the_directory(client, hub_pages):
    assert api(client, {"hub": ""}) == api(client)
    assert titles(api(client, {"hub": ""}, **TSUBASA_HOST)) == B_PAGES
    response = client.get("/search/", {"q": "リトミック", "hub": ""})
    assert response.status_code == 200 and A_PAGE in response.content.decode()


def test_the_search_page_offers_all_hubs_and_marks_results_from_other_hubs(client, hub_pages):
    html = client.get("/search/", {"q": "リトミック"}).content.decode()
    assert A_PAGE in html and "そらのリトミック教室" not in html
    assert '<input type="checkbox" name="hub" value="all">' in html and "すべての拠点から探す" in html
    assert 'class="search-hub"' not in html  # one hub: nothing to tell apart

    html = client.get("/search/", {"q": "リトミック", "hub": "all"}).content.decode()
    assert "そらのリトミック教室" in html and A_PAGE in html
    assert '<input type="checkbox" name="hub" value="all" checked>' in html
    assert "（すべての拠点）" in html
    assert f'<span class="search-hub">{TSUBASA["name"]}（つばさ区）</span>' in html
    assert 'href="http://tsubasa.localhost/programs/rhythm-class/"' in html
    facet_links = re.findall(r'href="(\?q=[^"]*type=[^"]*)"', html)
    assert facet_links and all("hub=all" in link for link in facet_links)  # a facet keeps the hubs


@pytest.mark.parametrize("params", [{"hub": "nowhere"}, {"hub": ["all", "Tsubasa"]}])
def test_an_unknown_hub_is_a_400_naming_the_hubs_there_are(client, hub_pages, params):
    response = client.get("/search/", {"q": "リトミック", **params})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html and "konan, tsubasa" in html
    response = client.get("/api/v1/search/", {"q": "リトミック", **params})
    assert response.status_code == 400
    (message,) = response.json()["errors"]["hub"]
    assert "konan, tsubasa" in message


def test_the_scope_when_the_engine_is_unreachable_is_the_same_on_the_database(client, hub_pages, settings):
    """The existing fallback keeps the hub scope: an engine nobody answers at → the database, same pages."""
    from search import engine as engine_module

    settings.SEARCH_ENGINE_URL = "http://127.0.0.1:9"  # nothing listens there
    settings.SEARCH_ENGINE_INDEX_PREFIX = "test-unreachable"
    engine_module._engines.clear()
    try:
        data = api(client)
        assert (data["backend"], titles(data)) == ("database", {A_PAGE})
        assert titles(api(client, {"hub": "all"})) == {A_PAGE, *B_PAGES}
        assert titles(api(client, **TSUBASA_HOST)) == B_PAGES
    finally:
        engine_module._engines.clear()
