"""Closures on the cards and the 生まれたら page, and the 「今開いている」 filter (``open_now``): hours, closures (the
place's own and its hub's) and the live status together, on the page, the API and in every filter."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from home.hub_setup import create_hub
from home.hubs import hub_for_page
from resources_directory.factories import ClosureFactory, ListingPageFactory
from resources_directory.models import HubClosure
from search.directory import search_directory
from tests.resources_directory.conftest import MONDAY
from tests.resources_directory.live_helpers import open_all_day, set_status

pytestmark = pytest.mark.django_db
TEN = MONDAY.replace(hour=10)  # Monday 2026-11-23 10:00 Asia/Tokyo
MORNING = [(0, 0, "09:30", "12:00")]


@pytest.fixture
def hub_b(home):
    return create_hub(
        name="つばさ区地域子育て支援拠点 そら", ward="つばさ区", hostname="tsubasa.localhost", slug="tsubasa"
    )


@pytest.fixture
def places(home, directory, hub_b):
    directory_b = hub_b.site.root_page.get_children().get(slug="directory").specific
    made = {
        "open": ListingPageFactory(parent=directory, slug="open", hours=MORNING),
        "afternoon": ListingPageFactory(parent=directory, slug="afternoon", hours=[(0, 0, "13:00", "15:00")]),
        "closure": ListingPageFactory(parent=directory, slug="closure", hours=MORNING),
        "said_closed": ListingPageFactory(parent=directory, slug="said-closed", hours=MORNING),
        "full": ListingPageFactory(parent=directory, slug="full", hours=MORNING),
        "closed_yesterday": ListingPageFactory(parent=directory, slug="closed-yesterday", hours=MORNING),
        "second_monday": ListingPageFactory(parent=directory, slug="second-monday", hours=[(0, 2, "09:30", "12:00")]),
        "other_hub": ListingPageFactory(parent=directory_b, slug="other-hub", hours=MORNING),
        "other_hub_closed": ListingPageFactory(parent=directory_b, slug="other-hub-closed", hours=MORNING),
    }
    ClosureFactory(page=made["closure"], start_date=MONDAY.date(), end_date=MONDAY.date() + timedelta(days=2))
    set_status(made["said_closed"], "closed", "発熱者が出たため", at=MONDAY.replace(hour=9, minute=45))
    set_status(made["full"], "full", at=MONDAY.replace(hour=9, minute=45))
    set_status(made["closed_yesterday"], "closed", at=MONDAY - timedelta(hours=12))
    return made


def slugs(params, now=TEN):
    result = search_directory({"hub": "all", "sort": "name", **params}, now=now, page_size=100)
    return {item.slug for item in result.items}, result


def test_open_now_uses_hours_closures_and_the_live_status(places):
    found, _result = slugs({"open_now": "1"})
    assert found == {"open", "full", "closed-yesterday", "other-hub", "other-hub-closed"}
    assert "full" in found  # full is still open: shown as full


def test_a_hub_closure_closes_every_place_of_that_hub_only(places, hub_b):
    HubClosure.objects.create(hub=hub_b, start_date=MONDAY.date(), end_date=MONDAY.date(), reason="警報のため本日休館")
    found, result = slugs({"open_now": "1"})
    assert found == {"open", "full", "closed-yesterday"}
    assert result.count == 3


def test_open_now_at_other_times(places):
    assert slugs({"open_now": "1"}, now=MONDAY.replace(hour=13, minute=30))[0] == {"afternoon"}
    assert slugs({"open_now": "1"}, now=MONDAY.replace(hour=20))[0] == set()
    # The next Monday (30th: the 5th, last Monday): yesterday's statuses are gone, the closure has ended.
    next_week = slugs({"open_now": "1"}, now=TEN + timedelta(days=7))[0]
    assert {"closure", "said-closed"} <= next_week and "second-monday" not in next_week


def test_open_now_counts_facets_like_the_results(places):
    found, result = slugs({"open_now": "1"})
    assert result.facets["hub"] == {"konan": 3, "tsubasa": 2}


def test_open_this_week_honours_a_hub_closure_all_week(places, hub_b):
    week = slugs({"open_this_week": "true"})[0]
    assert "other-hub" in week
    HubClosure.objects.create(
        hub=hub_b, start_date=MONDAY.date(), end_date=MONDAY.date() + timedelta(days=6), reason="改修"
    )
    assert not {"other-hub", "other-hub-closed"} & slugs({"open_this_week": "true"})[0]


def test_the_api_filters_open_now_and_refuses_a_bad_value(client, directory):
    place = open_all_day(directory, slug="hiroba", title="ぽかぽか広場")
    ListingPageFactory(parent=directory, slug="never", title="ぽかぽか倉庫", hours=[])
    rows = client.get("/api/v1/directory/", {"q": "ぽかぽか", "open_now": "1"}).json()
    assert [row["id"] for row in rows["results"]] == [place.pk] and rows["count"] == 1
    response = client.get("/api/v1/directory/", {"open_now": "maybe"})
    assert response.status_code == 400 and "open_now" in response.json()["errors"]


def test_the_directory_page_has_the_open_now_checkbox(client, directory):
    open_all_day(directory, slug="hiroba", title="ぽかぽか広場")
    ListingPageFactory(parent=directory, slug="never", title="ぽかぽか倉庫", hours=[])
    page = client.get(directory.url).content.decode()
    assert 'name="open_now"' in page and "今開いている" in page
    page = client.get(directory.url, {"q": "ぽかぽか", "open_now": "on"}).content.decode()
    assert "ぽかぽか広場" in page and "ぽかぽか倉庫" not in page
    assert "絞り込み: 今開いている" in page


def closure_days(days_ahead, length):
    start = timezone.localdate() + timedelta(days=days_ahead)
    return start, start + timedelta(days=length)


def dates(start, end):
    return f"{start.month}/{start.day}〜{end.month}/{end.day}"


def test_cards_show_a_coming_closure_of_the_place_or_its_hub(client, home, directory):
    own = open_all_day(directory, slug="own", title="ぽかぽか広場")
    hub_wide = open_all_day(directory, slug="hub-wide", title="ぽかぽか公園")
    far = open_all_day(directory, slug="far", title="ぽかぽか図書館")
    start, end = closure_days(5, 5)
    ClosureFactory(page=own, start_date=start, end_date=end, note="年末年始")
    ClosureFactory(page=far, start_date=start + timedelta(days=40), end_date=end + timedelta(days=40), note="改修")
    page = client.get(directory.url, {"q": "ぽかぽか"}).content.decode()
    assert f"{dates(start, end)} 休館（年末年始）" in page
    assert "改修" not in page  # more than 30 days ahead
    row = next(r for r in client.get("/api/v1/directory/", {"q": "ぽかぽか"}).json()["results"] if r["slug"] == "own")
    assert row["closure"] == {"start": start.isoformat(), "end": end.isoformat(), "note": "年末年始"}
    HubClosure.objects.create(hub=hub_for_page(home), start_date=start, end_date=start, reason="警報のため休館")
    page = client.get(directory.url, {"q": "ぽかぽか"}).content.decode()
    assert (
        page.count(f"{start.month}/{start.day} 休館（警報のため休館）") == 3
    )  # every place of the hub: it comes first
    assert f"{start.month}/{start.day} 休館（警報のため休館）" in client.get(hub_wide.url).content.decode()


def test_the_umaretara_page_shows_a_coming_closure(client, directory):
    place = open_all_day(directory, slug="baby", title="赤ちゃんひろば", min_age_months=0, max_age_months=11)
    start, end = closure_days(8, 3)
    ClosureFactory(page=place, start_date=start, end_date=end, note="年末年始")
    birth = (timezone.localdate() - timedelta(days=30)).isoformat()
    page = client.post("/umaretara/", {"birth_date": birth}).content.decode()
    assert "赤ちゃんひろば" in page and f"{dates(start, end)} 休館（年末年始）" in page


def test_the_next_opening_skips_a_hub_closure(client, home, directory):
    place = ListingPageFactory(parent=directory, slug="hiroba", hours=MORNING)
    HubClosure.objects.create(hub=hub_for_page(home), start_date=MONDAY.date(), end_date=MONDAY.date(), reason="警報")
    assert place.next_opening(MONDAY)[0].date() == date(2026, 11, 30)
