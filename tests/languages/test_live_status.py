"""A place's live status, set by its staff on the Japanese listing, is shown on its translations too, and "closed
today" takes the translations out of "open now" as well."""

import pytest

from resources_directory.models import DirectoryPage
from search.directory.open_now import open_now_ids
from tests.languages.conftest import translate
from tests.resources_directory.live_helpers import open_all_day, set_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def places(home):
    directory = DirectoryPage.objects.child_of(home).get()
    place = open_all_day(directory, slug="hiroba", title="ぽかぽか広場", summary="親子で遊べる広場です。")
    return place, translate(place, "en", title="Pokapoka playroom", summary="A playroom for parents and babies.")


def test_the_translation_shows_the_status_set_on_the_japanese_listing(client, places):
    place, english = places
    assert "It is full" not in client.get("/en/directory/hiroba/").content.decode()
    set_status(place, "full", "12時まで入室制限")
    page = client.get("/en/directory/hiroba/").content.decode()
    assert "It is full" in page and "12時まで入室制限" in page
    assert "満員です" in client.get("/directory/hiroba/").content.decode()
    card = client.get("/en/directory/", {"q": "playroom"}).content.decode()
    assert "Pokapoka playroom" in card and "live-status--full" in card


def test_closed_today_takes_the_translation_out_of_open_now(places):
    place, english = places
    assert {place.pk, english.pk} <= set(open_now_ids())
    set_status(place, "closed")
    assert not {place.pk, english.pk} & set(open_now_ids())
