import pytest
from wagtail.models import Page

from home.factories import StandardPageFactory
from resources_directory.factories import ListingPageFactory


def section(home, slug):
    return home.get_children().get(slug=slug).specific


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/", "港南区地域子育て支援拠点 はっち"),
        ("/programs/", "講座・イベント"),
        ("/directory/", "地域の子育て情報"),
        ("/evaluations/", "事業評価"),
        ("/about/", "はっちについて"),
    ],
)
def test_every_section_of_the_demo_tree_renders_in_japanese(client, home, path, heading):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert '<html lang="ja">' in html
    assert 'href="#main"' in html and 'id="main"' in html  # skip link to the main landmark
    assert "本文へ移動" in html


def test_home_page_links_every_section(client, home):
    html = client.get("/").content.decode()
    for slug in ("programs", "directory", "evaluations", "about"):
        assert f'href="/{slug}/"' in html


def test_standard_page_renders_its_stream_blocks(client, home):
    html = client.get("/about/").content.decode()
    assert "はじめての方へ" in html  # callout
    assert "<summary>パパだけで行ってもいいですか？</summary>" in html  # FAQ as <details>
    assert 'aria-current="page"' in html


def test_listing_page_renders_name_and_reading(client, home):
    listing = ListingPageFactory(parent=section(home, "directory"), title="ひまわりサロン", kana="ひまわりさろん")
    html = client.get(listing.url).content.decode()
    assert "<h1>ひまわりサロン</h1>" in html and "ひまわりさろん" in html


def test_draft_page_is_not_shown_to_the_public(client, home):
    draft = StandardPageFactory(parent=home, title="下書きのお知らせ", slug="draft-news", live=False)
    assert client.get("/draft-news/").status_code == 404
    assert "下書きのお知らせ" not in client.get("/").content.decode()
    assert not Page.objects.live().filter(pk=draft.pk).exists()


def test_unknown_page_answers_404_with_a_japanese_page(client, home):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "ページが見つかりません" in response.content.decode()


def test_english_is_served_under_its_prefix_and_japanese_without(client, home):
    html = client.get("/en/").content.decode()
    assert '<html lang="en">' in html
    assert "Skip to main content" in html and "This page is available in Japanese only." in html
    # The address decides, not the browser (docs/languages.md).
    assert '<html lang="ja">' in client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_language_switch_sets_english_for_the_next_pages(client, home):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/about/"})
    assert response.status_code == 302 and response["Location"] == "/en/about/"
    assert "Search this site" in client.get("/en/about/").content.decode()


def test_site_search_finds_a_live_page_by_its_title(client, home):
    html = client.get("/search/", {"q": "はっちについて"}).content.decode()
    assert 'href="/about/"' in html
