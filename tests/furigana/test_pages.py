"""Furigana on the public pages: ``?furigana=1`` or the ルビ link's cookie (no JavaScript) give every Japanese page
ruby over its kanji — titles, menu, cards, search results — and change nothing else; a hub's corrected readings
show at once, on that hub only; the page cache never serves a ruby page to a plain request or the reverse."""

import re

import pytest

from furigana.mode import COOKIE, ON
from furigana.models import Reading
from home.factories import ProgramPageFactory, ProgramSessionFactory
from home.hub_setup import child_by_slug
from tests.furigana.html_check import html_errors, readings, without_ruby
from tests.home.test_page_cache import file_caches, stored_pages
from tests.languages.conftest import translate

pytestmark = pytest.mark.django_db

TOGGLE = re.compile(r'<p class="furigana-toggle">.*?</p>')
OWN_ADDRESS = re.compile(r"(\?|&amp;|&)furigana=1")  # the language switch comes back to the page as it was asked for


def unchanged_part(html):
    """The page without its ruby, its ルビ link and the furigana=1 in its own address."""
    return OWN_ADDRESS.sub("", TOGGLE.sub("", without_ruby(html)))


HOSTS = {"a": "localhost", "b": "tsubasa.localhost"}


def plain_and_ruby(client, path, host="localhost"):
    joiner = "&" if "?" in path else "?"
    plain = client.get(path, HTTP_HOST=host)
    ruby = client.get(f"{path}{joiner}furigana=1", HTTP_HOST=host)
    assert plain.status_code == ruby.status_code == (404 if "does-not-exist" in path else 200), path
    return plain.content.decode(), ruby.content.decode()


@pytest.fixture
def program(home):
    page = ProgramPageFactory(parent=home.get_children().get(slug="programs"), slug="taiso", title="赤ちゃん体操")
    ProgramSessionFactory(page=page)
    return page


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/about/",
        "/programs/",
        "/programs/taiso/",
        "/directory/",
        "/directory/?q=%E9%87%8E%E5%BA%AD",  # 野庭: the results
        "/directory/noba-a/",
        "/search/?q=%E4%BF%9D%E8%82%B2%E5%9C%92",  # 保育園: the results, and the word kept in the search box
        "/page-that-does-not-exist/",
    ],
)
def test_a_ruby_page_is_the_plain_page_with_readings_over_its_kanji(client, hubs, program, path):
    plain, ruby = plain_and_ruby(client, path)
    assert html_errors(ruby) == []
    assert unchanged_part(ruby) == unchanged_part(plain)  # links, form fields, numbers as they were
    assert "<ruby>" not in plain and readings(ruby)["子育"] == "こそだ"  # the hub's name in the header


def test_titles_menu_and_cards_get_ruby_inside_their_links(client, hubs, program):
    _plain, home = plain_and_ruby(client, "/")
    assert '<a href="/directory/"><ruby>地域<rt>ちいき</rt></ruby>の<ruby>子育<rt>こそだ</rt></ruby>て' in home
    assert "<h1><ruby>港南区<rt>こうなんく</rt></ruby>" in home
    _plain, results = plain_and_ruby(client, "/directory/?q=%E9%87%8E%E5%BA%AD")
    card = re.search(r'<li class="listing".*?</li>', results, re.S)[0]
    assert '/directory/noba-a/"><ruby>野庭<rt>のにわ</rt></ruby>ひろば</a>' in card
    _plain, page = plain_and_ruby(client, "/programs/taiso/")
    assert "<h1><ruby>赤<rt>あか</rt></ruby>ちゃん<ruby>体操<rt>たいそう</rt></ruby></h1>" in page
    _plain, found = plain_and_ruby(client, "/search/?q=%E4%BF%9D%E8%82%B2%E5%9C%92")
    assert 'value="保育園"' in found


def test_an_english_page_gets_no_ruby_and_no_link(client, hubs):
    """The address's /en/ chooses English (the browser's language no longer does): asked for furigana, by the
    address or by the ルビ link's cookie, it still shows none, and no ルビ link."""
    translate(child_by_slug(hubs["a"].site.root_page, "about").specific, "en", title="About us")
    asked = client.get("/en/about/?furigana=1")
    client.cookies[COOKIE] = ON
    for response in (asked, client.get("/en/about/")):
        html = response.content.decode()
        assert response.status_code == 200 and '<html lang="en">' in html and "About us" in html
        assert "<ruby>" not in html and "furigana-toggle" not in html


def test_the_ruby_link_turns_furigana_on_and_off_without_javascript(client, hubs):
    html = client.get("/about/").content.decode()
    link = re.search(r'<p class="furigana-toggle"><a href="([^"]+)" rel="nofollow">ふりがなをつける</a>', html)
    response = client.get(link[1].replace("&amp;", "&"))
    assert response.status_code == 302 and response["Location"] == "/about/"
    cookie = response.cookies["furigana"]
    assert cookie.value == "1" and cookie["httponly"] and cookie["samesite"] == "Lax" and cookie["max-age"] > 0
    html = client.get("/about/").content.decode()
    assert "<ruby>" in html and "ふりがなをはずす" in html
    assert "<ruby>" not in client.get("/about/?furigana=0").content.decode()  # the address wins over the cookie

    link = re.search(r'<a href="([^"]+)" rel="nofollow">ふりがなをはずす', html)[1].replace("&amp;", "&")
    assert link == "/furigana/?on=0&next=%2Fabout%2F"
    response = client.get(link)
    assert response.status_code == 302 and response.cookies["furigana"]["max-age"] == 0
    assert "<ruby>" not in client.get("/about/").content.decode()


@pytest.mark.parametrize(
    ("query", "location"),
    [
        ("on=1&next=/about/%3Ffurigana%3D0%26x%3D1", "/about/?x=1"),  # the page's own furigana= is dropped
        ("on=1&next=https://evil.example/", "/"),
        ("on=1&next=//evil.example/", "/"),
        ("on=1", "/"),
    ],
)
def test_the_switch_goes_back_only_to_this_site(client, hubs, query, location):
    response = client.get(f"/furigana/?{query}")
    assert response.status_code == 302 and response["Location"] == location


@pytest.mark.parametrize("query", ["", "on=yes", "on=1&on=2x"])
def test_a_bad_switch_is_a_clear_400(client, hubs, query):
    response = client.get(f"/furigana/?{query}&next=/")
    assert response.status_code == 400 and "on=1" in response.content.decode()
    assert "furigana" not in response.cookies
    assert client.post("/furigana/?on=1").status_code == 405


def test_a_hubs_corrected_reading_shows_on_that_hubs_pages_only(client, hubs):
    Reading.objects.create(hub=hubs["a"], text="野庭", reading="のば")
    Reading.objects.create(hub=hubs["b"], text="野庭", reading="やてい")
    for hub, reading in (("a", "のば"), ("b", "やてい")):
        _plain, page = plain_and_ruby(client, f"/directory/noba-{hub}/", host=HOSTS[hub])
        assert readings(page)["野庭"] == reading, hub
    Reading.objects.filter(hub=hubs["b"]).delete()
    _plain, page = plain_and_ruby(client, "/directory/noba-b/", host=HOSTS["b"])
    assert readings(page)["野庭"] == "のにわ"  # SudachiPy's reading again


@pytest.fixture
def page_cache(settings, tmp_path):
    settings.PAGE_CACHE_SECONDS = 60
    file_caches(settings, tmp_path / "pages", tmp_path / "versions")
    return tmp_path / "pages"


def test_the_page_cache_keeps_ruby_pages_apart_from_plain_ones(client, hubs, page_cache):
    def ruby_on(path):
        return "<ruby>" in client.get(path).content.decode()

    assert ruby_on("/about/") is False  # stored plain
    assert ruby_on("/about/?furigana=1") is True
    assert ruby_on("/about/") is False
    client.cookies["furigana"] = "1"
    assert ruby_on("/about/") is True  # the same address, stored apart for the cookie
    assert ruby_on("/about/?furigana=0") is False
    del client.cookies["furigana"]
    assert ruby_on("/about/") is False
    pages = stored_pages(page_cache)
    assert sorted("<ruby>" in page for page in pages) == [False, False, True, True]


def test_a_changed_reading_shows_at_once_on_cached_pages(client, hubs, page_cache, django_capture_on_commit_callbacks):
    client.cookies["furigana"] = "1"
    assert readings(client.get("/directory/noba-a/").content.decode())["野庭"] == "のにわ"
    with django_capture_on_commit_callbacks(execute=True):
        reading = Reading.objects.create(hub=hubs["a"], text="野庭", reading="のば")
    assert readings(client.get("/directory/noba-a/").content.decode())["野庭"] == "のば"
    reading.reading = "のばー"
    with django_capture_on_commit_callbacks(execute=True):
        reading.save()
    assert readings(client.get("/directory/noba-a/").content.decode())["野庭"] == "のばー"


def test_the_demo_corrects_a_place_name_of_its_hub(client, home):
    import io

    from furigana import demo

    demo.load(home, io.StringIO())
    demo.load(home, io.StringIO())  # safe to run again
    assert list(Reading.objects.values_list("hub__slug", "text", "reading")) == [("konan", "野庭", "のば")]
