from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resources_directory.factories import ClosureFactory, ListingPageFactory
from search.directory import InvalidSearch, search_directory
from tests.resources_directory.conftest import MONDAY
from tests.resources_directory.test_geo import independent_haversine


def slugs(params, **kwargs):
    return [item.slug for item in search_directory(params, now=MONDAY, **kwargs).items]


def test_distance_sort_and_km_match_an_independent_haversine(places):
    result = search_directory({"lat": "35.3701", "lng": "139.5869", "sort": "distance"}, now=MONDAY)
    origin = (35.370, 139.587)  # rounded to ~100 m before use
    located = [item for item in result.items if item.latitude is not None]
    expected = sorted(located, key=lambda item: independent_haversine(*origin, item.latitude, item.longitude))
    assert [item.slug for item in located] == [item.slug for item in expected] == ["near", "middle", "far"]
    for item in located:
        assert item.distance_km == pytest.approx(
            independent_haversine(*origin, item.latitude, item.longitude), abs=0.01
        )
    assert result.items[-1].slug == "nowhere"  # places without coordinates come last
    assert result.items[-1].distance_km is None


def test_radius_keeps_only_places_inside_the_circle(places):
    found = search_directory({"lat": "35.370", "lng": "139.587", "radius_km": "1.5"}, now=MONDAY).items
    assert [item.slug for item in found] == ["near", "middle"]
    assert all(item.distance_km <= 1.5 for item in found)


def test_postal_code_and_area_centre_work_as_origins(places):
    assert slugs({"postal_code": "234-0054", "radius_km": "1"}) == ["near"]
    assert slugs({"near_area": "hino", "sort": "distance"})[0] == "middle"


AGE_BOUNDARIES = [
    (0, {"near", "far", "nowhere"}),
    (11, {"near", "far", "nowhere"}),
    (12, {"middle", "far", "nowhere"}),  # boundary: near ends at 11, middle starts at 12
    (35, {"middle", "far", "nowhere"}),
    (36, {"far", "nowhere"}),
]


def test_age_filter_boundaries(places):
    for age, expected in AGE_BOUNDARIES:
        assert set(slugs({"age_months": str(age)})) == expected, age


def test_weekday_filter_matches_any_rule_on_that_day(places):
    assert set(slugs({"weekday": "1"})) == {"near", "far"}  # 第2火曜 counts as a Tuesday place
    assert set(slugs({"weekday": "4"})) == {"far", "nowhere"}


def test_open_this_week_uses_nth_weekday_and_last_weekday_rules(places):
    # The week from Monday 2026-11-23: the 4th Tuesday (not the 2nd) and the last Friday (the 27th).
    assert set(slugs({"open_this_week": "true"})) == {"middle", "far", "nowhere"}


def test_open_this_week_respects_closures(places):
    ClosureFactory(page=places["middle"], start_date=date(2026, 11, 23), end_date=date(2026, 11, 29))
    ClosureFactory(page=places["nowhere"], start_date=date(2026, 11, 27), end_date=date(2026, 11, 27))
    ClosureFactory(page=places["far"], start_date=date(2026, 11, 24), end_date=date(2026, 11, 25))  # open other days
    assert set(slugs({"open_this_week": "true"})) == {"far"}


def test_keyword_category_area_and_amenity(places):
    assert slugs({"q": "ひよこ"}) == ["near"]
    assert slugs({"q": "ドングリ 広場"}) == ["middle"]  # katakana finds hiragana
    assert slugs({"q": "どんぐり ひよこ"}) == []  # all words must match
    assert slugs({"q": "どんぐり　広場"}) == ["middle"]  # full-width space splits words too
    assert set(slugs({"category": ["salon"]})) == {"near", "middle"}
    assert set(slugs({"area": ["hino"]})) == {"middle", "far"}
    assert slugs({"amenity": ["nursing_room"]}) == ["near"]
    assert slugs({"amenity": ["nursing_room", "parking"]}) == []


def test_facets_count_per_category_area_and_amenity(places):
    result = search_directory({"age_months": "12"}, now=MONDAY)
    assert result.facets["category"] == {"salon": 1, "park": 1}
    assert result.facets["area"] == {"hino": 2}
    assert result.facets["hub"] == {"konan": 3}  # every place of the demo hub for 12 months (電話相談 too)
    empty = {"category": {}, "area": {}, "amenity": {}, "hub": {}, "lang_staff": {}}
    assert search_directory({"q": "存在しない"}, now=MONDAY).facets == empty


def test_drafts_are_never_listed(places, directory):
    ListingPageFactory(parent=directory, slug="draft", title="下書き", live=False)
    assert "draft" not in slugs({})


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"age_months": "-1"}, "age_months"),
        ({"age_months": "abc"}, "age_months"),
        ({"lat": "35.3"}, "lng"),
        ({"lat": "91", "lng": "139"}, "lat"),
        ({"radius_km": "5"}, "radius_km"),
        ({"sort": "distance"}, "sort"),
        ({"sort": "random"}, "sort"),
        ({"postal_code": "100-0001"}, "postal_code"),
        ({"category": ["nope"]}, "category"),
        ({"weekday": "7"}, "weekday"),
        ({"amenity": ["pool"]}, "amenity"),
        ({"q": "x" * 101}, "q"),
    ],
)
def test_invalid_parameters_name_the_field(db, params, field):
    with pytest.raises(InvalidSearch) as error:
        search_directory(params, now=MONDAY)
    assert field in error.value.errors


@pytest.mark.parametrize("count", [1, 50])
def test_constant_number_of_queries_whatever_the_page_size(directory, taxonomy, count):
    for n in range(count):
        ListingPageFactory(
            parent=directory,
            categories=[taxonomy["salon"]],
            area=taxonomy["hino"],
            hours=[(n % 7, 0, "10:00", "11:00")],
        )
    with CaptureQueriesContext(connection) as queries:
        result = search_directory({"postal_code": "234-0054", "age_months": "3"}, page_size=50, now=MONDAY)
        assert len(result.items) == count
        for item in result.items:
            list(item.categories.all()), item.area, item.next_open
    # the hubs, their translated home pages (one query, for every listing's hub: home.hubs.hub_tree_roots), synonyms,
    # the count and facets (one GROUP BY), the nearest ids, the pages, 3 prefetches, the live statuses and the hubs'
    # closures (resources_directory.today)
    assert len(queries) == 11


AGE_RANGES = [(None, None), (0, 11), (6, 6), (12, 35), (None, 5), (36, None), (0, 216)]


@pytest.fixture
def age_ranges(directory):
    return [ListingPageFactory(parent=directory, min_age_months=low, max_age_months=high) for low, high in AGE_RANGES]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(age=st.integers(0, 216))
def test_age_filter_agrees_with_the_model_rule(age_ranges, age):
    found = set(slugs({"age_months": str(age)}, page_size=100))
    assert {page.slug for page in age_ranges if page.accepts_age(age)} == found
