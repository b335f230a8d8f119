from io import StringIO

from resources_directory import demo
from resources_directory.demo import AREAS, CATEGORIES
from resources_directory.models import ListingPage


def test_demo_places_cover_every_category_and_area_and_load_once(home):
    demo.load(home, StringIO())
    places = ListingPage.objects.live()
    assert places.count() >= 40
    assert {c.slug for p in places for c in p.categories.all()} == {slug for slug, *_ in CATEGORIES}
    assert set(places.values_list("area__slug", flat=True)) == {slug for slug, *_ in AREAS}
    for lat, lng in places.values_list("latitude", "longitude"):
        assert 35.35 < lat < 35.42 and 139.55 < lng < 139.61
    count = places.count()
    demo.load(home, StringIO())
    assert ListingPage.objects.count() == count
