"""Directory data set of the first hub (港南区, around 35.39 N, 139.59 E): about 45 invented places across every
category and area. Names, addresses and phone numbers are invented (the ward, its areas and parks are real).
Which area each place is in: resources_directory.demo.
"""

from resources_directory.factories import SALON_NAMES

ADDRESS_PREFIX = "横浜市港南区"
ORGANISATION = "（架空）港南区の子育て支援団体"
PHONE = "045-000-0000"

# (slug, name, centre latitude, centre longitude, postal code, landmarks named in places of the area)
AREAS = [
    ("kamiooka", "上大岡", 35.4065, 139.5960, "233-0002", ("久良岐",)),
    ("konan-chuo", "港南中央", 35.3915, 139.5850, "233-0004", ("芹が谷",)),
    ("kaminagaya", "上永谷", 35.3835, 139.5650, "233-0012", ()),
    ("hino", "日野", 35.3800, 139.5920, "234-0051", ()),
    ("konandai", "港南台", 35.3700, 139.5870, "234-0054", ()),
    ("noba", "野庭", 35.3830, 139.5780, "234-0056", ()),
]
# Places whose name says no area, by where they are: the hub and the ward office are in 港南中央通.
AREA_OF = {
    "港南区地域子育て支援拠点 はっち": "konan-chuo",
    "はっち 子育て相談（電話）": "konan-chuo",
    "港南区こども家庭支援課 子育て相談": "konan-chuo",
}

# (category, name, kana, min months, max months, hours, booking, fee, amenities)
OWN_PLACES = [
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


def generated_places():
    """Deterministic invented places to fill every category and area."""
    places = list(OWN_PLACES)
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


PLACES = generated_places()

# What is true today (issue 18): statuses the hub's staff set this morning (on places open today, in this order of
# preference), and one closure of a place in the coming weeks (days from today, length in days, note).
LIVE_STATUSES = [("full", "12時まで入室制限"), ("busy", "雨の日で混んでいます"), ("open", "")]
CLOSURE = (10, 2, "設備点検")
