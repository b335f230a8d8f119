from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from resources_directory.factories import AreaFactory, CategoryFactory, ListingPageFactory

TOKYO = ZoneInfo("Asia/Tokyo")
# A fixed Monday for predictable weekday rules: 2026-11-23 is the 4th Monday of November (the 30th is the last).
MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=TOKYO)


@pytest.fixture
def directory(home):
    return home.get_children().get(slug="directory").specific


@pytest.fixture
def taxonomy(db):
    return {
        "salon": CategoryFactory(slug="salon", name="子育てサロン"),
        "park": CategoryFactory(slug="park", name="公園"),
        "hino": AreaFactory(slug="hino", name="日野", latitude=35.380, longitude=139.592),
        "konandai": AreaFactory(slug="konandai", name="港南台", latitude=35.370, longitude=139.587),
    }


@pytest.fixture
def places(directory, taxonomy):
    """Four places at known spots around 港南台 with different ages, days and amenities."""
    return {
        "near": ListingPageFactory(
            parent=directory,
            slug="near",
            title="ひよこサロン",
            kana="ひよこさろん",
            latitude=35.3705,
            longitude=139.5872,
            min_age_months=0,
            max_age_months=11,
            area=taxonomy["konandai"],
            categories=[taxonomy["salon"]],
            hours=[(1, 2, "10:00", "11:30")],
            nursing_room=True,
        ),
        "middle": ListingPageFactory(
            parent=directory,
            slug="middle",
            title="どんぐり広場",
            kana="どんぐりひろば",
            latitude=35.3800,
            longitude=139.5920,
            min_age_months=12,
            max_age_months=35,
            area=taxonomy["hino"],
            categories=[taxonomy["salon"]],
            hours=[(0, 0, "10:00", "15:00")],
            booking_required=True,
        ),
        "far": ListingPageFactory(
            parent=directory,
            slug="far",
            title="芹が谷公園",
            kana="せりがやこうえん",
            latitude=35.3960,
            longitude=139.5800,
            min_age_months=None,
            max_age_months=None,
            area=taxonomy["hino"],
            categories=[taxonomy["park"]],
            hours=[(d, 0, "06:00", "19:00") for d in range(7)],
            parking=True,
        ),
        "nowhere": ListingPageFactory(
            parent=directory,
            slug="nowhere",
            title="電話相談",
            kana="でんわそうだん",
            latitude=None,
            longitude=None,
            hours=[(4, -1, "13:00", "15:00")],
            last_verified=date(2020, 1, 1),
        ),
    }


def at(day, hour=9):
    return datetime.combine(day, time(hour), tzinfo=TOKYO)
