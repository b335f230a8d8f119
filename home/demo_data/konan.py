# ruff: noqa: E501  (demo data: long Japanese lines read better unwrapped)
"""Demo data set of the first hub, 港南区地域子育て支援拠点 はっち (the default site): the hub, its about page and
its programs. Real ward, invented hub details and programs."""

from datetime import time

from home.business_areas import BusinessArea as A
from home.life_stages import LifeStage as S
from home.models import BookingMethod as B
from home.schedule import Weekday as W
from home.schedule import WeekOfMonth as N

HUB = {
    "name": "港南区地域子育て支援拠点 はっち",
    "ward": "港南区",
    "hostname": "localhost",
    "operator": "特定非営利活動法人ちゅーりっぷ",
    "address": "横浜市港南区港南中央通（架空の住所）",
    "phone": "045-000-0000",
    "opening_hours": "火〜土 9:30〜16:00",
}
ABOUT_TITLE = "はっちについて"
ABOUT_BODY = [
    ("paragraph", "<p>はっちは、就学前の子どもと保護者、妊娠中の方が自由に過ごせる親子の居場所です。</p>"),
    (
        "callout",
        {"title": "はじめての方へ", "text": "<p>予約は要りません。母子健康手帳をお持ちください。</p>", "tone": "info"},
    ),
    (
        "faq",
        {
            "items": [
                {
                    "question": "パパだけで行ってもいいですか？",
                    "answer": "<p>もちろんです。土曜日はパパの利用も多い日です。</p>",
                },
                {"question": "授乳室はありますか？", "answer": "<p>授乳室とおむつ替えの場所があります。</p>"},
            ]
        },
    ),
]

PLACE = "はっち 親子のひろば"

# Booked on this site: 3 places and 2 on the waiting list per date, babies of 2 to 8 months.
BABY_MASSAGE_PLACES = {
    "capacity": 3,
    "waitlist_size": 2,
    "expecting_may_book": False,
    "min_age_months": 2,
    "max_age_months": 8,
}
# Invented bookings (bookings.demo): (program slug, session number, family names). The first date is full with a
# family waiting; the names are clearly not real people.
BOOKINGS = [
    ("baby-massage", 0, ["デモ 花子", "デモ 太郎", "デモ さくら", "デモ ゆうと"]),
    ("baby-massage", 1, ["デモ ひなた"]),
]
# Dates the hub called off: (program slug, session number, reason).
CANCELLED_DATES = [("baby-massage", 2, "講師の体調不良のため（デモ）")]


def programs(s):
    """(page fields, [session fields]) for each program; ``s`` makes sessions from today on (program_demo)."""
    return [
        (
            {
                "slug": "baby-massage",
                "title": "ベビーマッサージ",
                "business_area": A.PLAY_ROOM,
                "life_stages": [S.AGE_0_EARLY, S.AGE_0_LATE],
                "summary": "助産師と一緒に、赤ちゃんとふれあうベビーマッサージ。バスタオルを1枚お持ちください。",
                "fee": "無料",
                "booking": B.SITE,
                "place_name": PLACE,
                "area_name": "港南中央",
                "contact": "はっち 045-000-0000",
            },
            [
                s.once(days, time(10, 30), time(11, 30), note="生後2〜8か月", **BABY_MASSAGE_PLACES)
                for days in (4, 11, 18)
            ]
            + [
                s.once(
                    32, time(10, 30), time(11, 30), note="生後2〜8か月", booking_opens_days=14, **BABY_MASSAGE_PLACES
                )
            ],
        ),
        (
            {
                "slug": "premama-prepapa",
                "title": "プレママ・プレパパ講座",
                "business_area": A.PLAY_ROOM,
                "life_stages": [S.PREGNANCY, S.FATHERS],
                "summary": "出産前に、拠点の使い方や地域の子育て情報を知る講座です。赤ちゃんとの暮らし体験つき。",
                "capacity": 10,
                "fee": "無料",
                "booking": B.PHONE,
                "booking_opens": s.today,
                "place_name": PLACE,
                "area_name": "港南中央",
                "contact": "はっち 045-000-0000",
            },
            [s.monthly(W.SATURDAY, N.SECOND, time(10), time(12), note="土曜開催・ご夫婦での参加歓迎")],
        ),
        (
            {
                "slug": "mokuyoku",
                "title": "沐浴体験",
                "business_area": A.PLAY_ROOM,
                "life_stages": [S.PREGNANCY, S.FATHERS, S.GRANDPARENTS],
                "summary": "人形を使って赤ちゃんの沐浴を練習します。",
                "capacity": 6,
                "fee": "無料",
                "booking": B.WEB,
                "booking_url": "https://example.org/hacchi/booking",
                "place_name": PLACE,
                "area_name": "港南中央",
            },
            [s.once(10, time(13, 30), time(15)), s.once(38, time(13, 30), time(15))],
        ),
        (
            {
                "slug": "baby-life-trial",
                "title": "赤ちゃんとの暮らし体験",
                "business_area": A.PLAY_ROOM,
                "life_stages": [S.PREGNANCY],
                "summary": "先輩ママ・パパと赤ちゃんに会って、産後の暮らしをのぞいてみましょう。",
                "capacity": 5,
                "fee": "無料",
                "booking": B.PHONE,
                "place_name": PLACE,
                "area_name": "港南中央",
            },
            [s.monthly(W.WEDNESDAY, N.FOURTH, time(10, 30), time(11, 30))],
        ),
        (
            {
                "slug": "demae-hiroba-kaminooka",
                "title": "出張ひろば 上大岡",
                "business_area": A.PLAY_ROOM,
                "life_stages": [S.AGE_0_EARLY, S.AGE_0_LATE, S.AGE_1, S.AGE_2],
                "summary": "はっちのスタッフが地域ケアプラザに出張します。おもちゃで遊んだり、子育ての話をしたり。",
                "fee": "無料",
                "booking": B.NOT_NEEDED,
                "place_name": "上大岡地域ケアプラザ（架空）",
                "area_name": "上大岡",
            },
            [s.monthly(W.THURSDAY, N.FIRST, time(10), time(11, 30))],
        ),
        (
            {
                "slug": "demae-hiroba-konandai",
                "title": "出張ひろば 港南台",
                "business_area": A.PLAY_ROOM,
                "life_stages": [S.AGE_0_EARLY, S.AGE_0_LATE, S.AGE_1, S.AGE_2],
                "summary": "港南台のコミュニティハウスで出張ひろばを開きます。",
                "fee": "無料",
                "booking": B.NOT_NEEDED,
                "place_name": "港南台コミュニティハウス（架空）",
                "area_name": "港南台",
            },
            [s.monthly(W.TUESDAY, N.THIRD, time(10), time(11, 30))],
        ),
        (
            {
                "slug": "koen-asobi",
                "title": "公園あそび",
                "business_area": A.PLAY_ROOM,
                "life_stages": [S.AGE_1, S.AGE_2, S.AGE_3_PLUS],
                "summary": "近くの公園でシャボン玉や砂遊び。雨天中止です。",
                "fee": "無料",
                "booking": B.NOT_NEEDED,
                "place_name": "日野中央公園（架空）",
                "area_name": "日野",
            },
            [s.weekly(W.FRIDAY, time(10, 30), time(11, 30), note="雨天中止")],
        ),
        (
            {
                "slug": "papa-no-hi",
                "title": "パパの日",
                "business_area": A.PLAY_ROOM,
                "life_stages": [S.FATHERS, S.AGE_0_EARLY, S.AGE_0_LATE, S.AGE_1],
                "summary": "土曜日はパパと子どもの日。パパ同士でゆっくり話せます。",
                "fee": "無料",
                "booking": B.NOT_NEEDED,
                "place_name": PLACE,
                "area_name": "港南中央",
            },
            [s.monthly(W.SATURDAY, N.FOURTH, time(10), time(12))],
        ),
        (
            {
                "slug": "akachan-hiroba",
                "title": "0歳のあかちゃんひろば",
                "business_area": A.PLAY_ROOM,
                "life_stages": [S.AGE_0_EARLY],
                "summary": "生後5か月までの赤ちゃんと保護者のための時間。ねんねの赤ちゃんも安心です。",
                "fee": "無料",
                "booking": B.FIRST_COME,
                "capacity": 8,
                "place_name": PLACE,
                "area_name": "港南中央",
            },
            [s.weekly(W.WEDNESDAY, time(13, 30), time(15))],
        ),
        (
            {
                "slug": "haihai-hiroba",
                "title": "はいはい・よちよちタイム",
                "business_area": A.PLAY_ROOM,
                "life_stages": [S.AGE_0_LATE, S.AGE_1],
                "summary": "はいはい・よちよちの頃の親子で、手遊びやふれあい遊び。",
                "fee": "無料",
                "booking": B.NOT_NEEDED,
                "place_name": PLACE,
                "area_name": "港南中央",
            },
            [s.weekly(W.THURSDAY, time(10, 30), time(11, 15))],
        ),
        (
            {
                "slug": "sodan-day",
                "title": "子育て相談の日",
                "business_area": A.CONSULTATION,
                "life_stages": [S.PREGNANCY, S.AGE_0_EARLY, S.AGE_0_LATE, S.AGE_1, S.AGE_2, S.AGE_3_PLUS],
                "summary": "保育士・助産師に、授乳・離乳食・ねんねのことなど気軽に相談できます。",
                "fee": "無料",
                "booking": B.PHONE,
                "capacity": 6,
                "place_name": PLACE,
                "area_name": "港南中央",
            },
            [s.monthly(W.TUESDAY, N.SECOND, time(10), time(12))],
        ),
        (
            {
                "slug": "riyosha-shien",
                "title": "保育園・幼稚園えらび相談",
                "business_area": A.USER_SUPPORT,
                "life_stages": [S.AGE_0_LATE, S.AGE_1, S.AGE_2],
                "summary": "利用者支援専門員が、保育園・幼稚園や一時預かりの探し方を一緒に考えます。",
                "fee": "無料",
                "booking": B.PHONE,
                "place_name": PLACE,
                "area_name": "港南中央",
            },
            [s.monthly(W.FRIDAY, N.LAST, time(13), time(15))],
        ),
        (
            {
                "slug": "sapo-setsumeikai",
                "title": "子育てサポートシステム入会説明会",
                "business_area": A.SUPPORT_SYSTEM,
                "life_stages": [S.AGE_0_LATE, S.AGE_1, S.AGE_2, S.AGE_3_PLUS, S.GRANDPARENTS, S.SUPPORTERS],
                "summary": "地域で子どもを預け・預かる横浜子育てサポートシステムの説明会です。",
                "fee": "無料",
                "booking": B.PHONE,
                "capacity": 15,
                "place_name": PLACE,
                "area_name": "港南中央",
            },
            [s.once(12, time(10), time(11, 30)), s.once(40, time(10), time(11, 30))],
        ),
        (
            {
                "slug": "volunteer-kenshu",
                "title": "子育て支援ボランティア研修",
                "business_area": A.TRAINING,
                "life_stages": [S.SUPPORTERS, S.GRANDPARENTS],
                "summary": "子育てサロンや出張ひろばを手伝ってくださる方のための研修です。",
                "fee": "無料",
                "booking": B.WEB,
                "booking_url": "https://example.org/hacchi/volunteer",
                "capacity": 20,
                "place_name": "港南区役所 会議室（架空）",
                "area_name": "港南中央",
            },
            [s.once(17, time(13, 30), time(16))],
        ),
        (
            {
                "slug": "salon-network",
                "title": "子育てサロン連絡会",
                "business_area": A.NETWORK,
                "life_stages": [S.SUPPORTERS],
                "summary": "区内の子育てサロン・サークルの運営者が情報交換をします。",
                "fee": "無料",
                "booking": B.PHONE,
                "place_name": PLACE,
                "area_name": "港南中央",
            },
            [s.once(24, time(10), time(12))],
        ),
        (
            {
                "slug": "jouhou-cafe",
                "title": "子育て情報カフェ",
                "business_area": A.INFORMATION,
                "life_stages": [S.AGE_0_EARLY, S.AGE_0_LATE, S.AGE_1, S.AGE_2, S.AGE_3_PLUS, S.GRANDPARENTS],
                "summary": "地域の子育て情報（サロン、公園、医療機関）をスタッフが紹介します。",
                "fee": "無料",
                "booking": B.NOT_NEEDED,
                "place_name": PLACE,
                "area_name": "港南中央",
            },
            [s.monthly(W.MONDAY, N.FIRST, time(11), time(11, 30)), s.once(3, time(11), time(11, 30))],
        ),
    ]
