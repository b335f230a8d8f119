"""The directory search as a parent types it, on the demo hub: readings, kana, amenity and age words, synonyms, order.

These run on the database backend (SQLite or PostgreSQL, whichever the suite runs on); the same questions on the
engine are compared id for id in test_directory_parity.py.
"""

import io

import pytest

from resources_directory import demo
from resources_directory.factories import CategoryFactory, ListingPageFactory
from resources_directory.models import ListingPage
from search.directory import search_directory
from search.models import ListingDocument, SynonymGroup
from tests.resources_directory.conftest import MONDAY


@pytest.fixture
def directory(home):
    return home.get_children().get(slug="directory").specific


@pytest.fixture
def demo_hub(home):
    demo.load(home, io.StringIO())
    return home.get_children().get(slug="directory").specific


def titles(params, **kwargs):
    return [item.title for item in search_directory(params, page_size=100, now=MONDAY, **kwargs).items]


def named(*parts):
    return {page.title for page in ListingPage.objects.live() if any(part in page.title for part in parts)}


def test_hiragana_and_half_width_katakana_find_kanji_and_kana_names(demo_hub):
    assert set(titles({"q": "おやこ"})) == named("親子") and len(named("親子")) == 5
    assert set(titles({"q": "ﾋﾛﾊﾞ"})) == named("ひろば", "広場") and len(named("ひろば", "広場")) == 8
    assert set(titles({"q": "ほいくえん"})) == named("保育園") and len(named("保育園")) == 4
    assert set(titles({"q": "こうえん"})) == named("公園") and len(named("公園")) == 5


def test_two_character_words_and_every_word_must_match(demo_hub):
    assert set(titles({"q": "公園"})) == named("公園")
    assert titles({"q": "サロン ひよこ"}) == ["子育てサロン ひよこ"]
    assert titles({"q": "サロン　ふたご"}) == []  # a full-width space splits words too


def test_amenity_word_becomes_the_filter_and_the_page_says_so(demo_hub):
    result = search_directory({"q": "授乳室"}, page_size=100, now=MONDAY)
    with_room = set(ListingPage.objects.live().filter(nursing_room=True).values_list("title", flat=True))
    assert len(with_room) == 21
    assert {item.title for item in result.items} == with_room
    assert result.applied_intents == [str(ListingPage._meta.get_field("nursing_room").verbose_name)]
    hiragana = search_directory({"q": "じゅにゅう"}, page_size=100, now=MONDAY)
    assert {item.title for item in hiragana.items} == with_room
    assert set(titles({"q": "駐車場 公園"})) == {t for t in named("公園") if ListingPage.objects.get(title=t).parking}


def test_baby_word_filters_by_age_and_ranks_the_place_that_says_it_first(demo_hub):
    result = search_directory({"q": "あかちゃん"}, page_size=100, now=MONDAY)
    assert result.items[0].title == "港南図書館 赤ちゃんおはなし会"
    assert result.applied_intents  # "赤ちゃん (0–11 months)"
    assert all(item.min_age_months is None or item.min_age_months <= 11 for item in result.items)
    assert "ふたごの会サークル" not in {item.title for item in result.items}  # from 12 months
    one_year = {item.title for item in search_directory({"q": "1歳"}, page_size=100, now=MONDAY).items}
    assert {"みなみ保育園 園庭開放", "出張はっち 日野", "ママとベビーサークル"} <= one_year
    assert "パパと遊ぼうサークル" in one_year


def test_an_explicit_age_wins_over_an_age_word(demo_hub):
    result = search_directory({"q": "0歳", "age_months": "40"}, page_size=100, now=MONDAY)
    assert result.applied_intents == []
    assert all(item.accepts_age(40) for item in result.items) and result.count > 0


def test_synonym_snippet_is_applied_when_saved(demo_hub):
    assert titles({"q": "ツイン"}) == []
    assert titles({"q": "双子"}) == ["ふたごの会サークル"]  # the reading of 双子 is ふたご
    SynonymGroup.objects.create(words="双子, ふたご, ツイン")
    assert titles({"q": "ツイン"}) == ["ふたごの会サークル"]
    assert titles({"q": "ツインの会"}) == ["ふたごの会サークル"]  # a synonym inside a longer word
    SynonymGroup.objects.all().delete()
    assert titles({"q": "ツイン"}) == []


@pytest.fixture
def tiers(directory):
    category = CategoryFactory(slug="mori", name="森の広場")
    return {
        "by_name": ListingPageFactory(parent=directory, title="森のサロン", kana="んもりのさろん"),
        "by_category": ListingPageFactory(
            parent=directory, title="あおぞら会", kana="まあおぞら", categories=[category]
        ),
        "by_summary": ListingPageFactory(parent=directory, title="ことりの会", kana="あことり", summary="森で遊びます"),
        "other": ListingPageFactory(parent=directory, title="うみの会", kana="ああうみ"),
    }


def test_words_rank_name_over_category_over_summary_and_the_user_can_switch(tiers):
    assert titles({"q": "もり"}) == ["森のサロン", "あおぞら会", "ことりの会"]
    assert titles({"q": "もり", "sort": "name"}) == ["ことりの会", "あおぞら会", "森のサロン"]  # by reading
    assert titles({}) == ["うみの会", "ことりの会", "あおぞら会", "森のサロン"]


def test_the_index_follows_publish_edit_unpublish_move_and_delete(tiers, directory, home):
    page = tiers["other"]
    page.title = "くじらの会"
    page.save_revision()  # a draft: not public yet
    assert titles({"q": "くじら"}) == []
    page.save_revision().publish()
    assert titles({"q": "くじら"}) == ["くじらの会"]
    page.unpublish()
    assert titles({"q": "くじら"}) == []
    page.save_revision().publish()
    from resources_directory.factories import DirectoryPageFactory

    second = DirectoryPageFactory(parent=home, slug="directory-2", title="二つ目")
    page.refresh_from_db()
    page.move(second, pos="last-child")
    assert titles({"q": "くじら"}, parent=second) == ["くじらの会"]
    assert titles({"q": "くじら"}, parent=directory) == []
    page.refresh_from_db()
    page.delete()
    assert titles({"q": "くじら"}) == [] and not ListingDocument.objects.filter(listing_id=page.pk).exists()


def test_renaming_a_category_is_found_at_once(tiers):
    category = tiers["by_category"].categories.get()
    category.name = "林の集い"
    category.save()
    assert titles({"q": "はやし"}) == ["あおぞら会"]


def test_programs_held_at_a_place_find_it(tiers, home):
    from home.factories import ProgramPageFactory

    programs = home.get_children().get(slug="programs")
    ProgramPageFactory(parent=programs, title="沐浴体験", venue=tiers["other"])
    assert titles({"q": "もくよく"}) == ["うみの会"]


def test_api_and_page_name_the_backend_that_answered(demo_hub, client):
    response = client.get("/api/v1/directory/", {"q": "こうえん"})
    assert response["X-Search-Backend"] == "database"
    assert response.json()["count"] == 5
    assert client.get("/directory/", {"q": "こうえん"})["X-Search-Backend"] == "database"


# Synonyms are shared by every hub's search, so the city keeps them; a hub's staff cannot change them.
SYNONYM_RIGHTS = {"anonymous": False, "editor": False, "reviewer": False, "manager": False, "city": True}


@pytest.mark.parametrize("role", list(SYNONYM_RIGHTS))
def test_city_staff_keep_the_synonym_list_in_the_admin_and_the_search_applies_it(demo_hub, staff, client_for, role):
    client = client_for(role)
    base = "/admin/snippets/site_search/synonymgroup/"
    response = client.post(f"{base}add/", {"words": "ツイン, 双子"})
    if not SYNONYM_RIGHTS[role]:
        assert response.status_code == 302 and not SynonymGroup.objects.exists()
        assert client.get(base).status_code == 302
        return
    assert response.status_code == 302, response.content.decode()[:2000]
    assert titles({"q": "ツイン"}) == ["ふたごの会サークル"]
    group = SynonymGroup.objects.get()
    assert client.post(f"{base}delete/{group.pk}/").status_code == 302
    assert titles({"q": "ツイン"}) == []


def test_a_synonym_group_needs_two_words(demo_hub, staff, client_for):
    response = client_for("city").post("/admin/snippets/site_search/synonymgroup/add/", {"words": "ツイン"})
    assert response.status_code == 200 and not SynonymGroup.objects.exists()
    assert "at least two words" in response.content.decode() or "2つ以上" in response.content.decode()


@pytest.fixture
def kept_pages(settings, tmp_path, django_capture_on_commit_callbacks):
    """The public page cache on (as in production): the directory keeps loaded listing pages per process."""
    from search.directory import pages
    from tests.home.test_page_cache import file_caches

    settings.PAGE_CACHE_SECONDS = 60
    file_caches(settings, tmp_path / "pages", tmp_path / "versions")
    pages.clear()
    yield lambda: django_capture_on_commit_callbacks(execute=True)
    pages.clear()


def test_kept_listing_pages_save_queries_show_edits_at_once_and_never_share_a_familys_distance(demo_hub, kept_pages):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    near_hino = {"postal_code": "234-0054", "sort": "distance"}
    near_konandai = {"postal_code": "234-0054", "lat": "35.37", "lng": "139.57", "sort": "distance"}
    with CaptureQueriesContext(connection) as first:
        before = search_directory(near_hino, now=MONDAY)
    with CaptureQueriesContext(connection) as second:
        again = search_directory(near_hino, now=MONDAY)
    assert [i.pk for i in again.items] == [i.pk for i in before.items]
    # kept: the hubs (with their translated home pages: home.hubs.hub_tree_roots), the synonyms, the pages (with
    # their area), 3 prefetches
    assert len(second) == len(first) - 7

    elsewhere = search_directory(near_konandai, now=MONDAY)
    by_pk = {item.pk: item for item in elsewhere.items}
    shared = [item for item in again.items if item.pk in by_pk]
    assert shared and any(item.distance_km != by_pk[item.pk].distance_km for item in shared)
    assert [i.distance_km for i in search_directory(near_hino, now=MONDAY).items] == [
        i.distance_km for i in before.items
    ]

    page = before.items[0]
    listing = ListingPage.objects.get(pk=page.pk)
    listing.title = "名前が変わった場所"
    with kept_pages():
        listing.save_revision().publish()
    assert search_directory(near_hino, now=MONDAY).items[0].title == "名前が変わった場所"


def test_with_kept_lists_a_saved_synonym_group_applies_at_once(demo_hub, kept_pages):
    assert titles({"q": "ツイン"}) == []
    with kept_pages():
        group = SynonymGroup.objects.create(words="双子, ツイン")
    assert titles({"q": "ツイン"}) == ["ふたごの会サークル"]
    with kept_pages():
        group.delete()
    assert titles({"q": "ツイン"}) == []


def test_a_month_is_not_an_age_but_months_old_are(demo_hub):
    from search.directory.query import read_intent

    assert read_intent("3月") is None  # March (3月の予定), not "3 months old"
    assert read_intent("3ヶ月").age_range == (3, 3)
    assert read_intent("3か月").age_range == (3, 3)
    assert read_intent("１歳").age_range == (12, 23)


def test_a_deleted_program_no_longer_finds_its_venue(tiers, home):
    from home.factories import ProgramPageFactory

    programs = home.get_children().get(slug="programs")
    program = ProgramPageFactory(parent=programs, title="沐浴体験", venue=tiers["other"])
    assert titles({"q": "もくよく"}) == ["うみの会"]
    program.delete()
    assert titles({"q": "もくよく"}) == []


def test_the_word_and_place_indexes_follow_every_write(demo_hub):
    """The FTS5 / R*Tree triggers (SQLite) or the GIN / GiST indexes (PostgreSQL) exist after all migrations."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            triggers = {row[0] for row in cursor.fetchall()}
            expected = {f"site_search_{t}_{s}" for t in ("listingwords", "listingplaces") for s in ("ai", "ad", "au")}
            assert expected <= triggers
            cursor.execute("SELECT COUNT(*) FROM site_search_listingplaces")
            places = cursor.fetchone()[0]
            assert places == ListingDocument.objects.filter(latitude__isnull=False).count() > 0
        else:
            cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename LIKE 'site_search_listingdocument%%'")
            indexes = {row[0] for row in cursor.fetchall()}
            assert {"site_search_listingwords_gin", "site_search_listingplaces_gist"} <= indexes
