"""Same answers on every backend: the directory's questions on ~2,000 generated listings plus the demo hub.

The database backend (SQLite or PostgreSQL, whichever this run uses) and the real engine node (OpenSearch, or
Elasticsearch with SEARCH_ENGINE_KIND=elasticsearch) must return the
same ids in the same order, the same scores, counts and facet counts. CI runs the suite on SQLite and on
PostgreSQL, each against the node, so the three agree. Then the node is made unreachable: the database answers.
"""

import io
import random

import pytest

from resources_directory import demo
from resources_directory.factories import bulk_listings
from search.backends.database import DatabaseEngine
from search.directory import build_query, documents, query_for, search_directory
from search.models import ListingDocument
from tests.resources_directory.conftest import MONDAY
from tests.search.conftest import ENGINE_NAME, ENGINE_URL

pytestmark = [
    pytest.mark.engine,
    pytest.mark.skipif(not ENGINE_URL, reason="SEARCH_ENGINE_URL not set"),
]

LISTINGS = 2000
CASES = [
    {},
    {"q": "おやこ"},
    {"q": "ﾋﾛﾊﾞ"},
    {"q": "ひろば さくら"},
    {"q": "ほいくえん"},
    {"q": "こうえん", "sort": "name"},
    {"q": "あかちゃん"},
    {"q": "授乳室"},
    {"q": "じゅにゅう おむつ替え ベビーカー"},
    {"q": "駐車場 雨の日"},
    {"q": "0歳 サロン"},
    {"q": "ふたご"},
    {"q": "サロン", "lat": "35.391", "lng": "139.585"},
    {"q": "にこにこ", "lat": "35.391", "lng": "139.585", "sort": "distance"},
    {"age_months": "3", "weekday": "2", "postal_code": "234-0054", "sort": "distance"},
    {"open_this_week": "true", "postal_code": "233-0004", "radius_km": "2"},
    {"category": ["salon", "park"], "area": ["hino"]},
    {"amenity": ["nursing_room", "parking"], "sort": "name"},
    {"near_area": "konandai", "radius_km": "1.5", "q": "会"},
    {"lat": "35.40", "lng": "139.60"},  # every place, nearest first: the database's growing boxes
]


@pytest.fixture
def city(home, opensearch):
    demo.load(home, io.StringIO())
    directory = home.get_children().get(slug="directory").specific
    documents.refresh(bulk_listings(directory, LISTINGS, random.Random(14)))
    opensearch.rebuild_listings(documents.engine_documents())
    return directory


# open_now is computed for this moment: Monday 2026-11-23 10:30, when the generated listings' 10:00–11:30 hours run.
NOW = MONDAY.replace(hour=10, minute=30)
OPEN_NOW_CASES = [
    {"open_now": "1"},
    {"open_now": "1", "q": "ひろば"},
    {"open_now": "1", "lat": "35.40", "lng": "139.60", "sort": "distance"},
    {"open_now": "1", "category": ["salon", "park"], "age_months": "6"},
    {"open_now": "1", "open_this_week": "true", "amenity": ["nursing_room"], "sort": "name"},
]


def answer(engine, params, directory, offset=0, limit=3000):
    return engine.search_directory(query_for(params, MONDAY.date(), directory, offset, limit, now=NOW))


def test_database_and_engine_give_the_same_ids_order_scores_and_facets(city, opensearch):
    database = DatabaseEngine()
    assert database.search_directory(build_query({}, MONDAY.date(), city)[0]).count >= LISTINGS
    for params in CASES:
        a, b = answer(database, params, city), answer(opensearch, params, city)
        assert (a.backend, b.backend) == ("database", ENGINE_NAME)
        assert a.count == b.count, params
        assert a.ids == b.ids, params
        assert a.scores == b.scores, params
        assert a.facets == b.facets, params
        assert a.count > 0, params
        window_a, window_b = answer(database, params, city, 20, 20), answer(opensearch, params, city, 20, 20)
        assert window_a.ids == window_b.ids == a.ids[20:40], params


def test_open_now_gives_the_same_answers_and_follows_statuses_and_closures_without_a_reindex(city, opensearch):
    from resources_directory.models import Closure, LiveStatus
    from search.directory.open_now import open_now_ids

    database = DatabaseEngine()
    LiveStatus.objects.all().delete()  # the demo's statuses were set for the real today
    before = open_now_ids(NOW)
    said_closed, full, closed_today = before[:30], before[30:60], before[60:90]
    for listing_id in said_closed:
        LiveStatus.objects.create(listing_id=listing_id, state="closed", set_at=NOW.replace(minute=5))
    for listing_id in full:
        LiveStatus.objects.create(listing_id=listing_id, state="full", set_at=NOW.replace(minute=5))
    Closure.objects.bulk_create(Closure(page_id=pk, start_date=NOW.date(), end_date=NOW.date()) for pk in closed_today)
    for params in OPEN_NOW_CASES:
        a, b = answer(database, params, city), answer(opensearch, params, city)
        assert (a.count, a.ids, a.scores, a.facets) == (b.count, b.ids, b.scores, b.facets), params
        assert 0 < a.count < len(before), params
        assert not set(a.ids) & set(said_closed + closed_today), params
        window_a, window_b = answer(database, params, city, 20, 20), answer(opensearch, params, city, 20, 20)
        assert window_a.ids == window_b.ids == a.ids[20:40], params
    everything = answer(opensearch, {"open_now": "1"}, city)
    assert set(everything.ids) == set(before) - set(said_closed) - set(closed_today)
    assert set(full) <= set(everything.ids)  # full is still open


def test_pages_of_the_nearest_agree_up_to_the_places_without_coordinates(city, opensearch):
    """Deep pages of "nearest first" cross from the last measured place to those without coordinates."""
    database = DatabaseEngine()
    params = {"lat": "35.40", "lng": "139.60", "age_months": "6"}
    everything = answer(opensearch, params, city)
    located = sum(1 for page_id in everything.ids if page_id in city_points(city))
    assert 500 < located < everything.count  # boxes are used, and some places have no coordinates
    for offset in (0, 7, located - 5, located, everything.count - 3):
        a, b = answer(database, params, city, offset, 10), answer(opensearch, params, city, offset, 10)
        assert a.ids == b.ids == everything.ids[offset : offset + 10], offset
        assert a.count == b.count == everything.count


def city_points(directory):
    from search.models import ListingDocument

    return set(ListingDocument.objects.filter(latitude__isnull=False).values_list("listing_id", flat=True))


def test_whole_search_runs_on_the_engine_and_the_database_answers_when_it_is_down(
    city, opensearch, client, engine_settings
):
    from search import engine as engine_module

    engine_module._engines.clear()
    response = client.get("/api/v1/directory/", {"q": "ひろば", "page_size": "50"})
    assert response["X-Search-Backend"] == ENGINE_NAME
    on_engine = [row["id"] for row in response.json()["results"]]
    page = client.get("/directory/", {"q": "あかちゃん"})
    assert page["X-Search-Backend"] == ENGINE_NAME
    assert "港南図書館 赤ちゃんおはなし会" in page.content.decode()

    engine_settings.SEARCH_ENGINE_URL = "http://127.0.0.1:9"  # nothing listens there
    engine_module._engines.clear()
    try:
        response = client.get("/api/v1/directory/", {"q": "ひろば", "page_size": "50"})
        assert response.status_code == 200
        assert response["X-Search-Backend"] == "database"
        assert [row["id"] for row in response.json()["results"]] == on_engine
        assert search_directory({"q": "ひろば"}, now=MONDAY).backend == "database"
    finally:
        engine_module._engines.clear()


def test_before_the_engine_has_a_directory_index_the_database_answers(home, engine_settings):
    """Right after an upgrade (no <prefix>-directory yet, or an index the query does not fit): never empty."""
    from search import engine as engine_module

    demo.load(home, io.StringIO())
    engine_settings.SEARCH_ENGINE_INDEX_PREFIX = f"{engine_settings.SEARCH_ENGINE_INDEX_PREFIX}-empty"
    engine_module._engines.clear()
    try:
        result = search_directory({"q": "こうえん"}, now=MONDAY)
        assert result.backend == "database" and result.count == 5
        # An edit saved before the rebuild does not make a one-listing index that searches would answer from.
        documents.send_to_engine(
            engine_module.get_engine().primary, [ListingDocument.objects.values_list("listing_id", flat=True)[0]]
        )
        engine_module._engines.clear()  # not marked down by the first search
        result = search_directory({"q": "こうえん"}, now=MONDAY)
        assert result.backend == "database" and result.count == 5
    finally:
        engine_module._engines.clear()


HUB_CASES = [
    {"hub": "tsubasa"},
    {"hub": "konan", "q": "ひろば"},
    {"hub": ["konan", "tsubasa"], "q": "サロン"},
    {"hub": "all", "q": "おやこ", "age_months": "6"},
    {"hub": "all", "lat": "35.418", "lng": "139.61"},  # at the border: nearest first across both wards
    {"hub": "all", "lat": "35.418", "lng": "139.61", "radius_km": "3", "q": "会"},
    {"hub": "tsubasa", "postal_code": "234-0054", "sort": "distance"},
    {"lat": "35.418", "lng": "139.61"},  # the home hub's default: 港南区 only
]


@pytest.fixture
def two_hubs(city, opensearch):
    """The city fixture's 港南区 plus つばさ区: 600 generated places north-east of it, the border between them."""
    from home.hub_setup import create_hub

    hub = create_hub(
        name="つばさ区地域子育て支援拠点 そら", ward="つばさ区", hostname="tsubasa.localhost", slug="tsubasa"
    )
    directory = hub.site.root_page.get_children().get(slug="directory").specific
    documents.refresh(bulk_listings(directory, 600, random.Random(16), centre=(35.44, 139.63)))
    opensearch.rebuild_listings(documents.engine_documents())
    return hub


def test_two_hubs_give_the_same_answers_on_both_backends(city, two_hubs, opensearch):
    from home.models import HubSettings

    database, konan = DatabaseEngine(), HubSettings.objects.get(slug="konan")
    for params in HUB_CASES:
        query = query_for(params, MONDAY.date(), offset=0, limit=3000, home_hub=konan)
        a, b = database.search_directory(query), opensearch.search_directory(query)
        assert (a.count, a.ids, a.scores, a.facets) == (b.count, b.ids, b.scores, b.facets), params
        assert a.count > 0, params
        assert set(a.facets["hub"]) == set(query.hubs or ["konan", "tsubasa"]), params
        assert sum(a.facets["hub"].values()) == a.count, params
    across = database.search_directory(query_for(HUB_CASES[4], MONDAY.date(), limit=40))
    assert across.facets["hub"]["konan"] > 1900 and across.facets["hub"]["tsubasa"] == 600
    assert set(documents_hubs(across.ids[:40])) == {"konan", "tsubasa"}  # near the border: both wards at once


def documents_hubs(ids):
    from search.models import ListingDocument

    return ListingDocument.objects.filter(listing_id__in=ids).values_list("hub", flat=True)


def test_a_hub_scoped_search_is_answered_by_the_database_when_the_engine_is_down(
    city, two_hubs, client, engine_settings
):
    from search import engine as engine_module

    engine_module._engines.clear()
    params = {"hub": "tsubasa", "q": "ひろば", "page_size": "50"}
    on_engine = client.get("/api/v1/directory/", params)
    assert on_engine["X-Search-Backend"] == ENGINE_NAME
    engine_settings.SEARCH_ENGINE_URL = "http://127.0.0.1:9"  # nothing listens there
    engine_module._engines.clear()
    try:
        down = client.get("/api/v1/directory/", params)
        assert down.status_code == 200 and down["X-Search-Backend"] == "database"
        assert down.json()["results"] == on_engine.json()["results"]
        assert down.json()["facets"] == on_engine.json()["facets"]
        assert list(down.json()["facets"]["hub"]) == ["tsubasa"]
        page = client.get("/directory/", {"q": "ひろば"}, HTTP_HOST="tsubasa.localhost")
        assert page["X-Search-Backend"] == "database" and "ひろば" in page.content.decode()
    finally:
        engine_module._engines.clear()


def test_listing_changes_made_while_the_engine_is_unreachable_reach_it_when_replayed(
    city, opensearch, engine_settings, django_capture_on_commit_callbacks
):
    from resources_directory.models import ListingPage
    from search import engine as engine_module
    from search.models import PendingIndexChange

    renamed, gone = ListingPage.objects.live().order_by("pk")[:2]
    url = engine_settings.SEARCH_ENGINE_URL
    engine_settings.SEARCH_ENGINE_URL = "http://127.0.0.1:9"  # nothing listens there
    engine_module._engines.clear()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            renamed.title = "くじらの広場"
            renamed.save_revision().publish()
            gone.unpublish()
        assert PendingIndexChange.objects.filter(key__startswith="directory:").count() == 2
    finally:
        engine_settings.SEARCH_ENGINE_URL = url
        engine_module._engines.clear()
    assert engine_module.get_engine().replay_pending() >= 2
    assert not PendingIndexChange.objects.filter(key__startswith="directory:").exists()
    assert answer(opensearch, {"q": "くじら"}, city).ids == [renamed.pk]
    assert gone.pk not in answer(opensearch, {}, city).ids
