"""The demo's first hub in English, Chinese and やさしい日本語 (load_demo): real translated text on the home page,
the directory's categories, five listings and the 生まれたら page; Japanese pages link to their easy versions."""

import io
import json

import pytest
from django.core.management import call_command
from django.db import connection

from languages.demo_data import HUB_NAME


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once (committed); afterwards the database is put back as migrated (locales, groups…), content
    types first (as tests/browser/conftest.py does)."""
    with django_db_blocker.unblock():
        objects = json.loads(connection.creation.serialize_db_to_string())
        objects.sort(key=lambda obj: obj["model"] != "contenttypes.contenttype")
        call_command("load_demo", stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, inhibit_post_migrate=True, reset_sequences=False, verbosity=0)
        connection.creation.deserialize_db_from_string(json.dumps(objects))


def page(client, url):
    response = client.get(url, HTTP_HOST="localhost:8000")
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.django_db
def test_home_directory_and_listings_in_english_and_chinese(client, demo):
    assert "Konan Ward Family Support Centre Hatchi" in page(client, "/en/")
    assert "港南区地区育儿支援据点 HATCHI" in page(client, "/zh-hans/")
    english = page(client, "/en/directory/")
    assert "Parent and baby group" in english and "Places for families in the ward" in english
    assert "育儿沙龙" in page(client, "/zh-hans/directory/")
    for code, title in (("en", "Hiyoko parent and baby group"), ("zh-hans", "育儿沙龙 小鸡")):
        from resources_directory.models import ListingPage

        listings = ListingPage.objects.live().filter(locale__language_code=code, alias_of__isnull=True)
        assert listings.count() == 5
        html = page(client, listings.get(title=title).url)
        assert title in html and "available in Japanese only" not in html and "本页面仅提供日语版本" not in html


@pytest.mark.django_db
def test_easy_japanese_versions_are_linked_from_the_japanese_pages(client, demo):
    from resources_directory.models import ListingPage

    hub = ListingPage.objects.get(title=HUB_NAME, locale__language_code="ja")
    japanese = page(client, hub.url)
    assert 'href="/ja-easy/directory/place-001/"' in japanese
    easy = page(client, "/ja-easy/directory/place-001/")
    assert '<html lang="ja-x-easy">' in easy and "予約は いりません" in easy
    assert 'href="/ja-easy/umaretara/"' in page(client, "/umaretara/")
    assert "赤ちゃんが 生まれたら" in page(client, "/ja-easy/umaretara/")
    assert "宝宝出生后" in page(client, "/zh-hans/umaretara/")
    assert "Just had a baby" in page(client, "/en/umaretara/")
