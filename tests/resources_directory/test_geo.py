import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resources_directory.geo import (
    haversine_km,
    normalise_postal_code,
    postal_code_location,
    round_location,
)
from search.geo import bounding_box


def independent_haversine(lat1, lon1, lat2, lon2):
    """Written from the textbook formula with the mean Earth radius, separately from the app's."""
    r = 6371.0088
    a = (
        math.sin(math.radians(lat2 - lat1) / 2) ** 2
        + math.cos(math.radians(lat1)) * math.cos(math.radians(lat2)) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * r * math.atan2(math.sqrt(a), math.sqrt(1 - a))


def test_known_distance_tokyo_to_yokohama():
    # Tokyo Station → Yokohama Station is about 26.6 km as the crow flies.
    assert haversine_km(35.6812, 139.7671, 35.4658, 139.6223) == pytest.approx(27.0, abs=0.6)


@settings(max_examples=30, deadline=None)
@given(
    st.floats(35.2, 35.6),
    st.floats(139.4, 139.8),
    st.floats(35.2, 35.6),
    st.floats(139.4, 139.8),
)
def test_haversine_matches_an_independent_implementation(lat1, lng1, lat2, lng2):
    assert haversine_km(lat1, lng1, lat2, lng2) == pytest.approx(
        independent_haversine(lat1, lng1, lat2, lng2), abs=0.005
    )


@settings(max_examples=30, deadline=None)
@given(st.floats(-89, 89), st.floats(-179, 179))
def test_rounding_moves_a_location_by_at_most_about_100_m(lat, lng):
    rounded = round_location(lat, lng)
    assert rounded == (round(rounded[0], 3), round(rounded[1], 3))
    assert haversine_km(lat, lng, *rounded) <= 0.08


def test_bounding_box_contains_the_circle():
    min_lat, max_lat, min_lng, max_lng = bounding_box(35.39, 139.59, 2)
    assert independent_haversine(35.39, 139.59, max_lat, 139.59) == pytest.approx(2, abs=0.001)
    assert independent_haversine(35.39, 139.59, 35.39, max_lng) == pytest.approx(2, abs=0.01)
    assert min_lat < 35.39 < max_lat and min_lng < 139.59 < max_lng


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("234-0054", "2340054"), ("〒２３４－００５４", "2340054"), ("2340054", "2340054"), ("234", ""), ("", "")],
)
def test_postal_codes_are_normalised(raw, expected):
    assert normalise_postal_code(raw) == expected


def test_postal_code_table_covers_the_demo_ward_only():
    lat, lng = postal_code_location("234-0054")
    assert 35.3 < lat < 35.45 and 139.5 < lng < 139.65
    assert postal_code_location("100-0001") is None
