"""Demo places: about 45 invented places around 港南区 (35.39 N, 139.59 E) across every category and area.

Names, addresses and phone numbers are invented. Called by ``load_demo``; safe to run again (places are
matched by slug) and fast (no revisions).
"""

import random
from datetime import date, timedelta

from home.hubs import hub_for_page
from resources_directory.factories import SALON_NAMES, AreaFactory, CategoryFactory, ListingPageFactory
from resources_directory.models import DirectoryPage, ListingPage

CATEGORIES = [
    ("hub", "地域子育て支援拠点", "Family support centre"),
    ("tsudoi", "親と子のつどいの広場", "Drop-in playroom"),
    ("salon", "子育てサロン", "Parent and baby group"),
    ("circle", "子育てサークル", "Parent-run circle"),
    ("care-plaza", "地域ケアプラザ", "Community care centre"),
    ("nursery", "保育園の園庭開放・育児講座", "Nursery open day"),
    ("library", "図書館のおはなし会", "Library story time"),
    ("park", "公園", "Park"),
    ("jidokan", "児童館・こどもログハウス", "Children's centre"),
    ("clinic", "医療機関", "Clinic"),
    ("consultation", "相談窓口", "Advice service"),
]

AREAS = [
    ("kamiooka", "上大岡", 35.4065, 139.5960, "233-0002"),
    ("konan-chuo", "港南中央", 35.3915, 139.5850, "233-0004"),
    ("kaminagaya", "上永谷", 35.3835, 139.5650, "233-0012"),
    ("hino", "日野", 35.3800, 139.5920, "234-0051"),
    ("konandai", "港南台", 35.3700, 139.5870, "234-0054"),
    ("noba", "野庭", 35.3830, 139.5780, "234-0056"),
]

# (category, name, kana, min months, max months, hours, booking, fee, amenities)
PLACES = [
    (
        "hub",
        "港南区地域子育て支援拠点 はっち",
        "こうなんくちいきこそだてしえんきょてん はっち",
        None,
        83,
        [
            (1, 0, "09:30", "16:00"),
            (2, 0, "09:30", "16:00"),
            (3, 0, "09:30", "16:00"),
            (4, 0, "09:30", "16:00"),
            (5, 0, "09:30", "16:00"),
        ],
        False,
        "",
        ["nursing_room", "changing_table", "stroller_access", "rain_ok"],
    ),
    (
        "hub",
        "はっち サテライト（港南台）",
        "はっち さてらいと",
        None,
        47,
        [(2, 0, "10:00", "15:00"), (4, 0, "10:00", "15:00")],
        False,
        "",
        ["nursing_room", "changing_table", "rain_ok"],
    ),
    (
        "hub",
        "出張はっち 日野",
        "しゅっちょうはっち ひの",
        0,
        35,
        [(0, 2, "10:00", "11:30")],
        False,
        "",
        ["changing_table", "rain_ok"],
    ),
]


def generated_places(rng):
    """Deterministic invented places to fill every category and area."""
    places = list(PLACES)
    for n, name in enumerate(SALON_NAMES):
        week = [0, 1, 2, 3, -1][n % 5]
        places.append(
            (
                "salon",
                f"子育てサロン {name}",
                f"こそだてさろん {name}",
                0,
                35,
                [(n % 5, week, "10:00", "11:30")],
                n % 3 == 0,
                "100円" if n % 2 else "",
                ["changing_table", "rain_ok"] + (["nursing_room"] if n % 2 else []),
            )
        )
    for n, name in enumerate(["ママとベビー", "パパと遊ぼう", "ふたごの会", "english playgroup"]):
        places.append(
            (
                "circle",
                f"{name}サークル",
                f"{name}さーくる",
                6 * n,
                36,
                [(5 - n % 2, 1 + n % 4, "10:00", "12:00")],
                True,
                "年会費500円",
                ["rain_ok"],
            )
        )
    for n, area in enumerate(["上大岡", "港南中央", "日野南", "野庭", "港南台"]):
        places.append(
            (
                "care-plaza",
                f"{area}地域ケアプラザ 親子ひろば",
                f"{area} ちいきけあぷらざ",
                0,
                47,
                [(n % 5, 0, "10:00", "12:00")],
                False,
                "",
                ["nursing_room", "changing_table", "stroller_access", "parking", "rain_ok"],
            )
        )
    for n, name in enumerate(["みなみ保育園", "ひかり保育園", "こすもす保育園", "あおぞら保育園"]):
        places.append(
            (
                "nursery",
                f"{name} 園庭開放",
                f"{name} えんていかいほう",
                6,
                71,
                [(n % 5, 0, "10:00", "11:00")],
                n % 2 == 0,
                "",
                ["changing_table"],
            )
        )
    for n, name in enumerate(["港南図書館 赤ちゃんおはなし会", "港南図書館 わらべうた"]):
        places.append(
            (
                "library",
                name,
                "こうなんとしょかん",
                0,
                23 + 12 * n,
                [(2 + n, 2 + n, "11:00", "11:30")],
                False,
                "",
                ["stroller_access", "rain_ok", "changing_table"],
            )
        )
    for n, name in enumerate(["芹が谷公園", "久良岐公園", "日野中央公園", "港南台中央公園", "野庭中央公園"]):
        places.append(
            (
                "park",
                name,
                f"{name}",
                None,
                None,
                [(d, 0, "06:00", "19:00") for d in range(7)],
                False,
                "",
                ["parking"] if n % 2 else [],
            )
        )
    for name in ["港南台こどもログハウス", "日野こどもログハウス"]:
        places.append(
            (
                "jidokan",
                name,
                "こどもろぐはうす",
                0,
                83,
                [(d, 0, "09:30", "17:00") for d in range(6)],
                False,
                "",
                ["changing_table", "rain_ok"],
            )
        )
    for name in ["こうなん小児科クリニック（架空）", "ひの産婦人科（架空）"]:
        places.append(
            (
                "clinic",
                name,
                "くりにっく",
                None,
                180,
                [(d, 0, "09:00", "12:00") for d in range(6)],
                True,
                "保険診療",
                ["nursing_room", "changing_table", "parking"],
            )
        )
    for name in [
        "港南区こども家庭支援課 子育て相談",
        "はっち 子育て相談（電話）",
        "横浜子育てサポートシステム 港南区支部",
    ]:
        places.append(
            (
                "consultation",
                name,
                "そうだん",
                None,
                None,
                [(d, 0, "09:00", "17:00") for d in range(5)],
                False,
                "",
                ["nursing_room"],
            )
        )
    for n, name in enumerate(["親と子のつどいの広場 ぽっけ", "親と子のつどいの広場 おひさま", "つどいの広場 ころころ"]):
        places.append(
            (
                "tsudoi",
                name,
                "つどいのひろば",
                None,
                47,
                [(d, 0, "10:00", "15:00") for d in range(1 + n, 5 + n)],
                False,
                "1回300円",
                ["nursing_room", "changing_table", "rain_ok", "stroller_access"],
            )
        )
    return places


def load(home, stdout):
    directory = DirectoryPage.objects.child_of(home).first()
    if directory is None:
        return
    categories = {
        slug: CategoryFactory(slug=slug, name=name, hsds_type=hsds, sort_order=i)
        for i, (slug, name, hsds) in enumerate(CATEGORIES)
    }
    areas = [
        AreaFactory(slug=slug, name=name, latitude=lat, longitude=lng, sort_order=i, hub=hub_for_page(home))
        for i, (slug, name, lat, lng, _code) in enumerate(AREAS)
    ]
    existing = set(ListingPage.objects.child_of(directory).values_list("slug", flat=True))
    rng = random.Random(5)
    created = 0
    for n, (category, name, kana, low, high, hours, booking, fee, amenities) in enumerate(generated_places(rng)):
        slug = f"place-{n + 1:03d}"
        area_slug, area_name, lat, lng, postal_code = AREAS[n % len(AREAS)]
        lat += rng.uniform(-0.004, 0.004)
        lng += rng.uniform(-0.005, 0.005)
        if slug in existing:
            continue
        ListingPageFactory(
            parent=directory,
            slug=slug,
            title=name,
            kana=kana,
            min_age_months=low,
            max_age_months=high,
            summary=f"{area_name}にある{categories[category].name}です（架空の場所）。",
            area=areas[n % len(areas)],
            address=f"横浜市港南区{area_name}（架空の住所）",
            postal_code=postal_code,
            latitude=round(lat, 6),
            longitude=round(lng, 6),
            booking_required=booking,
            fee=fee,
            booking_info="電話で予約" if booking else "",
            organisation="（架空）港南区の子育て支援団体",
            phone="045-000-0000",
            languages="日本語",
            categories=[categories[category]],
            hours=hours,
            last_verified=date.today() - timedelta(days=30 * (n % 15)),
            **dict.fromkeys(amenities, True),
        )
        created += 1
    stdout.write(f"Directory: {created} places added ({len(existing) + created} in all).")
