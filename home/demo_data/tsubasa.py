# ruff: noqa: E501  (demo data: long Japanese lines read better unwrapped)
"""Demo data set of the second hub, つばさ区地域子育て支援拠点 そら, served at tsubasa.localhost.

Everything here is INVENTED: つばさ区 is not a Yokohama ward, and the hub, its operator, address and programs do
not exist. The ward is placed just south-west of 港南台 so a family near the border has both wards' places nearby.
Programs name their venue by the title of a place of the hub's directory (resources_directory.demo_data.tsubasa).
"""

from datetime import time

from home.business_areas import BusinessArea as A
from home.life_stages import LifeStage as S
from home.models import BookingMethod as B
from home.schedule import Weekday as W
from home.schedule import WeekOfMonth as N

HUB = {
    "name": "つばさ区地域子育て支援拠点 そら",
    "ward": "つばさ区",
    "hostname": "tsubasa.localhost",
    "operator": "特定非営利活動法人そらまめ（架空）",
    "address": "横浜市つばさ区つばさ台（架空の住所）",
    "phone": "045-000-0001",
    "opening_hours": "月〜金 9:30〜16:00",
}
ABOUT_TITLE = "そらについて"
ABOUT_BODY = [
    (
        "paragraph",
        "<p>そらは、つばさ区（架空の区）の親子がいつでも立ち寄れる居場所です。この拠点はデモ用の架空の拠点です。</p>",
    ),
    (
        "callout",
        {"title": "はじめての方へ", "text": "<p>受付で名前を書くだけで利用できます。</p>", "tone": "info"},
    ),
]

HUB_PLACE = HUB["name"]  # the hub's own listing in its directory

# Invented bookings (bookings.demo): (program slug, session number, family names); the second date is full.
BOOKINGS = [
    ("sora-mokuyoku", 0, ["デモ みらい", "デモ けんた"]),
    ("sora-mokuyoku", 1, ["デモ あおい", "デモ れん", "デモ めい", "デモ そら"]),
]
# Dates the hub called off: (program slug, session number, reason).
CANCELLED_DATES = [("sora-mokuyoku", 2, "施設の点検のため（デモ）")]


def programs(s):
    """(page fields, [session fields]) for each program; ``s`` makes sessions from today on (program_demo)."""
    return [
        (
            {
                "slug": "sora-mokuyoku",
                "title": "沐浴体験（プレママ・プレパパ）",
                "business_area": A.PLAY_ROOM,
                "life_stages": [S.PREGNANCY, S.FATHERS],
                "summary": "赤ちゃん人形で、沐浴と着替えを練習します。ご夫婦での参加も歓迎です。",
                "fee": "無料",
                "booking": B.SITE,
                "venue": HUB_PLACE,
                "contact": "そら 045-000-0001",
            },
            [
                s.once(6, time(13, 30), time(15), capacity=4, waitlist_size=2, children_may_book=False),
                s.once(13, time(13, 30), time(15), capacity=3, waitlist_size=1, children_may_book=False),
                s.once(20, time(13, 30), time(15), capacity=4, waitlist_size=2, children_may_book=False),
            ],
        ),
        (
            {
                "slug": "sora-hiroba",
                "title": "そらの親子ひろば",
                "business_area": A.PLAY_ROOM,
                "life_stages": [S.AGE_0_EARLY, S.AGE_0_LATE, S.AGE_1, S.AGE_2],
                "summary": "おもちゃや絵本のある広いひろばで、親子でのんびり過ごせます。",
                "fee": "無料",
                "booking": B.NOT_NEEDED,
                "venue": HUB_PLACE,
            },
            [s.weekly(W.TUESDAY, time(10), time(12))],
        ),
        (
            {
                "slug": "premama-tsudoi",
                "title": "プレママ・プレパパのつどい",
                "business_area": A.PLAY_ROOM,
                "life_stages": [S.PREGNANCY, S.FATHERS],
                "summary": "出産前のご夫婦が、先輩親子と話したり抱っこの練習をしたりします。",
                "capacity": 8,
                "fee": "無料",
                "booking": B.PHONE,
                "booking_opens": s.today,
                "venue": HUB_PLACE,
                "contact": "そら 045-000-0001",
            },
            [s.monthly(W.SATURDAY, N.SECOND, time(10), time(11, 30), note="ご夫婦での参加歓迎")],
        ),
        (
            {
                "slug": "demae-hiroba-soyokaze",
                "title": "出張ひろば そよかぜ町",
                "business_area": A.PLAY_ROOM,
                "life_stages": [S.AGE_0_EARLY, S.AGE_0_LATE, S.AGE_1, S.AGE_2],
                "summary": "そらのスタッフが地域ケアプラザに出張します。",
                "fee": "無料",
                "booking": B.NOT_NEEDED,
                "venue": "そよかぜ町地域ケアプラザ 親子ひろば",
            },
            [s.monthly(W.THURSDAY, N.THIRD, time(10), time(11, 30))],
        ),
        (
            {
                "slug": "hoshimi-koen-asobi",
                "title": "星見が丘公園であそぼう",
                "business_area": A.PLAY_ROOM,
                "life_stages": [S.AGE_1, S.AGE_2, S.AGE_3_PLUS],
                "summary": "芝生の広場でボール遊びや虫さがし。雨天中止です。",
                "fee": "無料",
                "booking": B.NOT_NEEDED,
                "venue": "星見が丘公園",
            },
            [s.weekly(W.FRIDAY, time(10, 30), time(11, 30), note="雨天中止")],
        ),
        (
            {
                "slug": "sora-sodan",
                "title": "そらの子育て相談",
                "business_area": A.CONSULTATION,
                "life_stages": [S.PREGNANCY, S.AGE_0_EARLY, S.AGE_0_LATE, S.AGE_1, S.AGE_2, S.AGE_3_PLUS],
                "summary": "保育士に、授乳・離乳食・ねんねのことなどを気軽に相談できます。",
                "fee": "無料",
                "booking": B.PHONE,
                "capacity": 4,
                "venue": HUB_PLACE,
            },
            [s.monthly(W.WEDNESDAY, N.FIRST, time(13), time(15))],
        ),
        (
            {
                "slug": "ehon-warabeuta",
                "title": "絵本とわらべうたの会",
                "business_area": A.INFORMATION,
                "life_stages": [S.AGE_0_EARLY, S.AGE_0_LATE, S.AGE_1],
                "summary": "図書館のおはなしボランティアと一緒に、絵本とわらべうたを楽しみます。",
                "fee": "無料",
                "booking": B.FIRST_COME,
                "capacity": 12,
                "venue": "つばさ区図書館 おはなし会",
            },
            [s.once(9, time(11), time(11, 30)), s.once(37, time(11), time(11, 30))],
        ),
    ]
