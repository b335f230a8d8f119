"""Every language has a URL for every page: its translation, or the Japanese page with a notice in the reader's
language. Japanese at /, others under their prefix; a page that exists in no language is still a 404."""

import re

import pytest

from tests.languages.conftest import translate


def html_lang(response):
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


@pytest.mark.django_db
def test_japanese_is_unprefixed_and_other_languages_have_their_prefix(client, home, about):
    response = client.get("/about/")
    assert response.status_code == 200
    assert html_lang(response) == "ja"
    for code, lang in [("en", "en"), ("zh-hans", "zh-Hans"), ("ko", "ko"), ("vi", "vi"), ("ja-easy", "ja-x-easy")]:
        response = client.get(f"/{code}/about/")
        assert response.status_code == 200, code
        assert html_lang(response) == lang


@pytest.mark.django_db
def test_untranslated_page_is_served_in_japanese_with_a_notice_in_the_readers_language(client, home, about):
    html = client.get("/en/about/").content.decode()
    assert "This page is available in Japanese only." in html
    assert '<div lang="ja">' in html and about.title in html
    assert "本页面仅提供日语版本。" in client.get("/zh-hans/about/").content.decode()
    assert "このページは日本語のみです" not in client.get("/about/").content.decode()


@pytest.mark.django_db
def test_translated_page_is_served_at_its_own_url_without_notice(client, home, about):
    translate(home, "en", title="Konan hub")
    translate(about, "en", title="About the hub")
    response = client.get("/en/about/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "About the hub" in html
    assert "available in Japanese only" not in html
    assert '<div lang="en">' in html


@pytest.mark.django_db
def test_a_truly_missing_page_is_404_in_every_language(client, home):
    for prefix in ("", "/en", "/zh-hans", "/ja-easy"):
        assert client.get(f"{prefix}/no-such-page/").status_code == 404


@pytest.mark.django_db
def test_hreflang_lists_live_versions_and_x_default(client, home, about):
    html = client.get("/about/").content.decode()
    assert re.findall(r'hreflang="([^"]+)" href', html) == ["ja", "x-default"]
    translate(home, "en", title="Konan hub")
    translate(about, "en", title="About the hub")
    translate(about, "zh-hans", title="关于本中心")
    for url in ("/about/", "/en/about/", "/zh-hans/about/"):
        links = dict(
            re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', client.get(url).content.decode())
        )
        assert links == {
            "ja": "http://testserver/about/",
            "en": "http://testserver/en/about/",
            "zh-Hans": "http://testserver/zh-hans/about/",
            "x-default": "http://testserver/about/",
        }, url


@pytest.mark.django_db
def test_switcher_keeps_the_reader_on_the_same_page(client, home, about):
    translate(home, "en", title="Konan hub")
    translate(about, "en", title="About the hub", slug="about-us")
    html = client.get("/about/").content.decode()
    switcher = html[html.index('class="language-switcher"') :]
    links = dict(re.findall(r'<a href="([^"]+)" lang="([^"]+)"', switcher))
    assert {lang: url for url, lang in links.items()} == {
        "ja": "/about/",
        "ja-x-easy": "/ja-easy/about/",
        "en": "/en/about-us/",
        "zh-Hans": "/zh-hans/about/",
        "ko": "/ko/about/",
        "vi": "/vi/about/",
    }
    # The Japanese path under /en/ leads to the English page at its own path.
    response = client.get("/en/about/")
    assert response.status_code == 302 and response["Location"] == "/en/about-us/"


@pytest.mark.django_db
def test_evaluations_say_they_are_the_official_record_kept_in_japanese(client, home):
    html = client.get("/en/evaluations/").content.decode()
    assert "This is the hub's official record: it is kept in Japanese only." in html
    assert "available in Japanese only" not in html
    assert "これは拠点の公式な記録です" not in client.get("/evaluations/").content.decode()


@pytest.mark.django_db
def test_menu_and_site_name_keep_the_reader_in_their_language(client, home, about):
    translate(home, "en", title="Konan hub")
    translate(about, "en", title="About the hub")
    html = client.get("/en/").content.decode()
    assert '<a class="site-name" href="/en/">' in html
    assert '<a href="/en/about/">About the hub</a>' in html  # translated
    assert 'href="/en/directory/"' in html  # not translated: the Japanese page under /en/
