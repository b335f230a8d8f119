from datetime import timedelta
from io import StringIO

import pytest

from home.demo import build_hubs, demo_data
from home.hubs import hub_for_page
from resources_directory import demo
from resources_directory.demo import CATEGORIES
from resources_directory.geo import haversine_km
from resources_directory.models import Area, ListingPage

# A family just south-west of 港南台, on the border of the two demo wards.
BORDER_FAMILY = (35.3630, 139.5790)


@pytest.fixture
def demo_places(db):
    homes = build_hubs()
    for home in homes:
        demo.load(home, StringIO())
    return homes


def places_of(home):
    return ListingPage.objects.live().descendant_of(home).select_related("area")


def test_each_hub_has_places_in_every_category_and_its_own_areas_and_loads_once(demo_places):
    konan, tsubasa = demo_places
    assert places_of(konan).count() >= 40 and 12 <= places_of(tsubasa).count() <= 15
    for home in demo_places:
        places = places_of(home)
        assert {c.slug for p in places for c in p.categories.all()} == {slug for slug, *_ in CATEGORIES}
        hub_areas = set(Area.objects.filter(hub=hub_for_page(home)))
        assert hub_areas and {place.area for place in places} == hub_areas
        assert all(place.address.startswith(f"横浜市{hub_for_page(home).ward}{place.area.name}") for place in places)
    for lat, lng in places_of(konan).values_list("latitude", "longitude"):
        assert 35.35 < lat < 35.42 and 139.55 < lng < 139.61
    count = ListingPage.objects.count()
    for home in demo_places:
        demo.load(home, StringIO())
    assert ListingPage.objects.count() == count


def test_a_place_named_after_an_area_is_in_that_area_near_its_centre_and_the_border_has_both_hubs(demo_places):
    checked = 0
    for home in demo_places:
        landmarks = {
            slug: words for slug, _name, _lat, _lng, _code, words in demo_data("resources_directory", home).AREAS
        }
        areas = list(Area.objects.filter(hub=hub_for_page(home)))
        for place in places_of(home):
            named = [area for area in areas if any(w in place.title for w in (area.name, *landmarks[area.slug]))]
            assert len(named) <= 1, f"{place.title} names {named}"
            if named:
                (area,) = named
                assert place.area == area, f"{place.title} is filed under {place.area.name}"
                checked += 1
            distance = haversine_km(place.latitude, place.longitude, place.area.latitude, place.area.longitude)
            assert distance < 1.5, f"{place.title} is {distance:.1f} km from the centre of {place.area.name}"
    assert checked >= 20  # e.g. 港南台中央公園, 日野こどもログハウス, 星見が丘公園, かざぐるま公園 (a landmark)
    assert ListingPage.objects.get(title="港南台中央公園").area.name == "港南台"
    for home in demo_places:  # a family on the ward border has places of both hubs nearby
        nearest = min(haversine_km(*BORDER_FAMILY, p.latitude, p.longitude) for p in places_of(home))
        assert nearest < 1.5, f"nearest place of {home.title}: {nearest:.1f} km"


def test_the_demo_shows_the_freshness_loop(demo_places):
    from resources_directory import freshness
    from resources_directory.models import FreshnessReminder

    for home in demo_places:
        stale = freshness.stale_listings().descendant_of(home)
        assert stale.count() >= 3  # the report has rows
        assert stale.exclude(update_contact_email="").count() == 2
        [update] = freshness.pending_updates().filter(page__in=stale)  # the badge shows
        draft = update.page.get_latest_revision_as_object()
        assert draft.fee == "1回100円（4月から）" and ListingPage.objects.get(pk=update.page_id).fee != draft.fee
    for home in demo_places:  # loading again adds nothing
        demo.load(home, StringIO())
    assert FreshnessReminder.objects.count() == 2


def test_each_hub_has_statuses_set_today_and_a_closure_in_the_coming_weeks(demo_places):
    from django.utils import timezone

    from resources_directory.models import Closure, HubClosure, LiveStatus

    today = timezone.localdate()
    for home in demo_places:
        statuses = LiveStatus.objects.filter(listing__path__startswith=home.path)
        # On days a hub has places open (the demo's hubs open on weekdays), a few statuses are set today.
        assert all(timezone.localtime(s.set_at).date() == today for s in statuses)
        assert statuses.count() >= (1 if today.weekday() < 5 else 0)
        closures = Closure.objects.filter(page__path__startswith=home.path, start_date__gt=today)
        assert closures.filter(start_date__lte=today + timedelta(days=21)).exists()
    assert HubClosure.objects.filter(hub=hub_for_page(demo_places[1]), start_date__gt=today).exists()
    counts = (LiveStatus.objects.count(), Closure.objects.count(), HubClosure.objects.count())
    for home in demo_places:
        demo.load(home, StringIO())  # again: nothing more
    assert (LiveStatus.objects.count(), Closure.objects.count(), HubClosure.objects.count()) == counts
