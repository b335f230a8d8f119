# ruff: noqa: E501  (demo data: one place a line reads better unwrapped)
"""Directory data set of the second hub, つばさ区 (INVENTED: not a Yokohama ward), just south-west of 港南台
around 35.355 N, 139.575 E: 15 invented places across every category and its four invented areas.
Which area each place is in: resources_directory.demo.
"""

ADDRESS_PREFIX = "横浜市つばさ区"
ORGANISATION = "（架空）つばさ区の子育て支援団体"
PHONE = "045-000-0001"

# (slug, name, centre latitude, centre longitude, postal code (none: invented), landmarks)
AREAS = [
    ("tsubasadai", "つばさ台", 35.3560, 139.5770, "", ()),
    ("soyokaze", "そよかぜ町", 35.3615, 139.5660, "", ("かざぐるま公園",)),
    ("hoshimigaoka", "星見が丘", 35.3470, 139.5830, "", ()),
    ("mizube", "みずべ", 35.3490, 139.5660, "", ()),
]
AREA_OF = {"つばさ区地域子育て支援拠点 そら": "tsubasadai"}

WEEKDAYS = [(d, 0, "09:30", "16:00") for d in range(5)]
HOSPITABLE = ["nursing_room", "changing_table", "stroller_access", "rain_ok"]

# (category, name, kana, min months, max months, hours, booking, fee, amenities)
PLACES = [
    (
        "hub",
        "つばさ区地域子育て支援拠点 そら",
        "つばさくちいきこそだてしえんきょてん そら",
        None,
        83,
        WEEKDAYS,
        False,
        "",
        HOSPITABLE,
    ),
    (
        "hub",
        "そら サテライト（星見が丘）",
        "そら さてらいと",
        None,
        47,
        [(1, 0, "10:00", "15:00")],
        False,
        "",
        HOSPITABLE,
    ),
    (
        "tsudoi",
        "親と子のつどいの広場 にじいろ",
        "つどいのひろば にじいろ",
        None,
        47,
        WEEKDAYS[1:],
        False,
        "1回300円",
        HOSPITABLE,
    ),
    (
        "salon",
        "子育てサロン ぴよぴよ",
        "こそだてさろん ぴよぴよ",
        0,
        35,
        [(2, 2, "10:00", "11:30")],
        False,
        "100円",
        ["rain_ok"],
    ),
    (
        "circle",
        "みずべ親子サークル",
        "みずべおやこさーくる",
        12,
        36,
        [(3, 1, "10:00", "12:00")],
        True,
        "年会費500円",
        [],
    ),
    (
        "care-plaza",
        "そよかぜ町地域ケアプラザ 親子ひろば",
        "そよかぜちょう ちいきけあぷらざ",
        0,
        47,
        [(3, 0, "10:00", "12:00")],
        False,
        "",
        HOSPITABLE + ["parking"],
    ),
    (
        "care-plaza",
        "星見が丘地域ケアプラザ 親子ひろば",
        "ほしみがおか ちいきけあぷらざ",
        0,
        47,
        [(4, 0, "10:00", "12:00")],
        False,
        "",
        HOSPITABLE,
    ),
    (
        "nursery",
        "つばさ台保育園 園庭開放",
        "つばさだいほいくえん えんていかいほう",
        6,
        71,
        [(2, 0, "10:00", "11:00")],
        True,
        "",
        ["changing_table"],
    ),
    (
        "library",
        "つばさ区図書館 おはなし会",
        "つばさくとしょかん",
        0,
        35,
        [(5, 2, "11:00", "11:30")],
        False,
        "",
        ["stroller_access", "rain_ok"],
    ),
    (
        "park",
        "星見が丘公園",
        "ほしみがおかこうえん",
        None,
        None,
        [(d, 0, "06:00", "19:00") for d in range(7)],
        False,
        "",
        ["parking"],
    ),
    (
        "park",
        "みずべの森公園",
        "みずべのもりこうえん",
        None,
        None,
        [(d, 0, "06:00", "19:00") for d in range(7)],
        False,
        "",
        [],
    ),
    (
        "park",
        "かざぐるま公園",
        "かざぐるまこうえん",
        None,
        None,
        [(d, 0, "06:00", "19:00") for d in range(7)],
        False,
        "",
        [],
    ),
    (
        "jidokan",
        "つばさ台こどもログハウス",
        "つばさだいこどもろぐはうす",
        0,
        83,
        [(d, 0, "09:30", "17:00") for d in range(6)],
        False,
        "",
        ["changing_table", "rain_ok"],
    ),
    (
        "clinic",
        "そら小児科クリニック（架空）",
        "そらしょうにかくりにっく",
        None,
        180,
        [(d, 0, "09:00", "12:00") for d in range(6)],
        True,
        "保険診療",
        ["nursing_room", "parking"],
    ),
    (
        "consultation",
        "つばさ区こども家庭支援課 子育て相談",
        "そうだん",
        None,
        None,
        [(d, 0, "09:00", "17:00") for d in range(5)],
        False,
        "",
        ["nursing_room"],
    ),
]

# What is true today (issue 18): see konan.py. The second hub also has a hub-wide closure (days ahead, reason).
LIVE_STATUSES = [("busy", ""), ("closed", "発熱者が出たため午後は休み")]
CLOSURE = (14, 3, "床の張り替え")
HUB_CLOSURE = (21, "研修のため全館休館")
