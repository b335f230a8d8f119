"""Invented listings across Japan for bench/engine_scale.py: raw fields only, in the engine's document form.

Every listing gets a realistic Japanese name (with its kana, except for some), one or two of twelve categories, an
area (a town of one of 64 cities and wards from Hokkaido to Okinawa, ~500 areas), the city as its hub, an address,
a two- or three-sentence summary, an operator, sometimes programs, ages, opening days and amenities, and a point
scattered around its city. Deterministic for a seed: listing n is the same in every run.
"""

import random
from types import SimpleNamespace

# (prefecture, city or ward, its kana, latitude, longitude)
CITIES = [
    ("北海道", "札幌市中央区", "さっぽろしちゅうおうく", 43.055, 141.341),
    ("北海道", "札幌市北区", "さっぽろしきたく", 43.091, 141.341),
    ("北海道", "旭川市", "あさひかわし", 43.771, 142.365),
    ("北海道", "函館市", "はこだてし", 41.769, 140.729),
    ("青森県", "青森市", "あおもりし", 40.822, 140.747),
    ("岩手県", "盛岡市", "もりおかし", 39.702, 141.154),
    ("宮城県", "仙台市青葉区", "せんだいしあおばく", 38.268, 140.872),
    ("宮城県", "仙台市泉区", "せんだいしいずみく", 38.322, 140.881),
    ("秋田県", "秋田市", "あきたし", 39.720, 140.103),
    ("山形県", "山形市", "やまがたし", 38.255, 140.340),
    ("福島県", "郡山市", "こおりやまし", 37.400, 140.360),
    ("茨城県", "つくば市", "つくばし", 36.083, 140.077),
    ("栃木県", "宇都宮市", "うつのみやし", 36.555, 139.883),
    ("群馬県", "高崎市", "たかさきし", 36.322, 139.003),
    ("埼玉県", "さいたま市浦和区", "さいたましうらわく", 35.862, 139.646),
    ("埼玉県", "川口市", "かわぐちし", 35.808, 139.724),
    ("千葉県", "千葉市美浜区", "ちばしみはまく", 35.640, 140.063),
    ("千葉県", "船橋市", "ふなばしし", 35.695, 139.983),
    ("東京都", "世田谷区", "せたがやく", 35.646, 139.653),
    ("東京都", "練馬区", "ねりまく", 35.736, 139.652),
    ("東京都", "江戸川区", "えどがわく", 35.707, 139.868),
    ("東京都", "足立区", "あだちく", 35.775, 139.804),
    ("東京都", "八王子市", "はちおうじし", 35.666, 139.316),
    ("東京都", "町田市", "まちだし", 35.548, 139.439),
    ("神奈川県", "横浜市港南区", "よこはましこうなんく", 35.391, 139.591),
    ("神奈川県", "横浜市青葉区", "よこはましあおばく", 35.553, 139.537),
    ("神奈川県", "横浜市港北区", "よこはましこうほくく", 35.519, 139.633),
    ("神奈川県", "川崎市中原区", "かわさきしなかはらく", 35.576, 139.659),
    ("神奈川県", "相模原市中央区", "さがみはらしちゅうおうく", 35.571, 139.373),
    ("神奈川県", "藤沢市", "ふじさわし", 35.339, 139.490),
    ("新潟県", "新潟市中央区", "にいがたしちゅうおうく", 37.916, 139.036),
    ("富山県", "富山市", "とやまし", 36.695, 137.211),
    ("石川県", "金沢市", "かなざわし", 36.561, 136.656),
    ("福井県", "福井市", "ふくいし", 36.064, 136.219),
    ("山梨県", "甲府市", "こうふし", 35.662, 138.568),
    ("長野県", "長野市", "ながのし", 36.648, 138.194),
    ("岐阜県", "岐阜市", "ぎふし", 35.423, 136.760),
    ("静岡県", "浜松市中央区", "はままつしちゅうおうく", 34.710, 137.726),
    ("静岡県", "静岡市葵区", "しずおかしあおいく", 34.975, 138.383),
    ("愛知県", "名古屋市中村区", "なごやしなかむらく", 35.168, 136.873),
    ("愛知県", "名古屋市緑区", "なごやしみどりく", 35.071, 136.952),
    ("愛知県", "豊田市", "とよたし", 35.083, 137.156),
    ("三重県", "津市", "つし", 34.730, 136.509),
    ("滋賀県", "大津市", "おおつし", 35.018, 135.855),
    ("京都府", "京都市左京区", "きょうとしさきょうく", 35.048, 135.779),
    ("大阪府", "大阪市北区", "おおさかしきたく", 34.705, 135.498),
    ("大阪府", "大阪市平野区", "おおさかしひらのく", 34.621, 135.546),
    ("大阪府", "堺市堺区", "さかいしさかいく", 34.573, 135.483),
    ("大阪府", "豊中市", "とよなかし", 34.781, 135.469),
    ("兵庫県", "神戸市中央区", "こうべしちゅうおうく", 34.690, 135.195),
    ("兵庫県", "姫路市", "ひめじし", 34.815, 134.685),
    ("奈良県", "奈良市", "ならし", 34.685, 135.805),
    ("和歌山県", "和歌山市", "わかやまし", 34.226, 135.167),
    ("鳥取県", "鳥取市", "とっとりし", 35.501, 134.235),
    ("島根県", "松江市", "まつえし", 35.468, 133.048),
    ("岡山県", "岡山市北区", "おかやましきたく", 34.655, 133.919),
    ("広島県", "広島市中区", "ひろしましなかく", 34.385, 132.455),
    ("山口県", "下関市", "しものせきし", 33.958, 130.941),
    ("香川県", "高松市", "たかまつし", 34.340, 134.043),
    ("愛媛県", "松山市", "まつやまし", 33.839, 132.765),
    ("福岡県", "福岡市中央区", "ふくおかしちゅうおうく", 33.589, 130.392),
    ("福岡県", "北九州市小倉北区", "きたきゅうしゅうしこくらきたく", 33.884, 130.875),
    ("熊本県", "熊本市中央区", "くまもとしちゅうおうく", 32.803, 130.708),
    ("鹿児島県", "鹿児島市", "かごしまし", 31.596, 130.557),
    ("沖縄県", "那覇市", "なはし", 26.212, 127.681),
]
TOWNS = [
    ("中央", "ちゅうおう"),
    ("本町", "ほんちょう"),
    ("緑町", "みどりちょう"),
    ("旭町", "あさひまち"),
    ("栄町", "さかえまち"),
    ("幸町", "さいわいちょう"),
    ("桜台", "さくらだい"),
    ("若葉台", "わかばだい"),
    ("日野", "ひの"),
    ("東町", "ひがしまち"),
    ("西町", "にしまち"),
    ("南台", "みなみだい"),
    ("北野", "きたの"),
    ("青葉台", "あおばだい"),
    ("港南台", "こうなんだい"),
    ("希望が丘", "きぼうがおか"),
    ("宮前", "みやまえ"),
    ("駅前", "えきまえ"),
    ("川原", "かわら"),
    ("新田", "しんでん"),
    ("松原", "まつばら"),
    ("梅ヶ丘", "うめがおか"),
]
WORDS = [
    ("さくら", "さくら"),
    ("ひまわり", "ひまわり"),
    ("たんぽぽ", "たんぽぽ"),
    ("あおぞら", "あおぞら"),
    ("にじいろ", "にじいろ"),
    ("すみれ", "すみれ"),
    ("どんぐり", "どんぐり"),
    ("コスモス", "こすもす"),
    ("ひだまり", "ひだまり"),
    ("若葉", "わかば"),
    ("もみじ", "もみじ"),
    ("ほしぞら", "ほしぞら"),
    ("ぱんだ", "ぱんだ"),
    ("ポプラ", "ぽぷら"),
    ("オリーブ", "おりーぶ"),
    ("森の子", "もりのこ"),
    ("星の子", "ほしのこ"),
    ("青葉", "あおば"),
    ("光", "ひかり"),
    ("翼", "つばさ"),
    ("陽だまり", "ひだまり"),
    ("にこにこ", "にこにこ"),
    ("すくすく", "すくすく"),
    ("のびのび", "のびのび"),
    ("キッズ", "きっず"),
    ("はっち", "はっち"),
    ("ぽかぽか", "ぽかぽか"),
]
SURNAMES = [
    ("佐藤", "さとう"),
    ("鈴木", "すずき"),
    ("高橋", "たかはし"),
    ("田中", "たなか"),
    ("伊藤", "いとう"),
    ("渡辺", "わたなべ"),
    ("山本", "やまもと"),
    ("中村", "なかむら"),
    ("小林", "こばやし"),
    ("加藤", "かとう"),
    ("佐々木", "ささき"),
    ("山口", "やまぐち"),
    ("松本", "まつもと"),
    ("井上", "いのうえ"),
    ("木村", "きむら"),
]
# (slug, name, name patterns: {w} word, {t} town, {s} surname, {c} city)
CATEGORIES = [
    ("hiroba", "親子の広場", ["親子の広場 {w}", "{t}親子ひろば", "子育て支援拠点 {w}"]),
    ("salon", "子育てサロン", ["子育てサロン {w}", "{t}{w}サロン", "ベビーサロン {w}"]),
    ("nursery", "保育園", ["{w}保育園", "{t}保育園", "{c}立{t}保育園"]),
    ("kindergarten", "幼稚園", ["{w}幼稚園", "{t}{w}幼稚園"]),
    ("kodomoen", "認定こども園", ["{w}こども園", "認定こども園 {t}{w}"]),
    ("park", "公園", ["{t}公園", "{t}第二公園", "{w}公園", "{t}ふれあい公園"]),
    ("jidokan", "児童館", ["{t}児童館", "{c}{t}こどもセンター"]),
    ("library", "図書館", ["{c}立{t}図書館", "{t}こども図書室"]),
    ("clinic", "小児科", ["{w}こどもクリニック", "{s}小児科医院", "{t}キッズクリニック"]),
    ("maternity", "産婦人科", ["{s}レディースクリニック", "{t}産婦人科"]),
    ("temporary", "一時預かり", ["一時預かり {w}", "{w}ベビーシッター"]),
    ("consultation", "子育て相談", ["{c}子育て相談室", "{t}子育て支援センター"]),
]
OPERATORS = [
    "社会福祉法人{w}会",
    "NPO法人{w}",
    "{c}",
    "{c}社会福祉協議会",
    "学校法人{s}学園",
    "医療法人{s}会",
    "株式会社{w}",
    "",
]
PROGRAMS = [
    "ベビーマッサージ",
    "親子リトミック",
    "絵本の読み聞かせ",
    "離乳食教室",
    "ふたごの会",
    "パパの日",
    "身体測定",
    "子育て相談",
    "季節の製作あそび",
    "プレママ講座",
    "手遊びうた",
    "英語であそぼう",
]
SENTENCES = [
    "{ages}のお子さんと保護者が自由に遊べる{kind}です。",
    "子育ての相談や地域の情報提供も行っています。",
    "予約不要、お気軽にお越しください。",
    "スタッフが常駐しています。",
    "{weekday}曜日は{program}を開催しています。",
    "ふたご・みつごの親子の集まりがあります。",
    "土日は家族連れでにぎわいます。",
    "広い芝生広場と砂場があります。",
    "はじめての方も大歓迎です。",
]
AMENITY_SENTENCES = {
    "nursing_room": "授乳室とおむつ替えスペースがあります。",
    "stroller_access": "ベビーカーのまま入れます。",
    "parking": "駐車場があります（{n}台）。",
    "rain_ok": "雨の日も室内で遊べます。",
}
AMENITY_KEYS = ["nursing_room", "changing_table", "stroller_access", "parking", "rain_ok"]
WEEKDAYS = "月火水木金土日"
AGES = ["0〜3歳", "0歳から未就学", "乳幼児", "1〜2歳", "未就学", "妊娠中の方と0歳"]


TOWNS_OF = [random.Random(index).sample(range(len(TOWNS)), 8) for index in range(len(CITIES))]  # 8 towns a city


def area_of(city_index, town_index):
    return f"c{city_index:02d}-t{town_index:02d}", f"{CITIES[city_index][1]}{TOWNS[town_index][0]}"


def _fill(pattern, word, town, surname, city):
    return pattern.format(w=word[0], t=town[0], s=surname[0], c=city[1])


def _kana(pattern, word, town, surname, city):
    """The editor's kana: each part's reading, the rest of the pattern as written (kanji words as in real entries)."""
    return pattern.format(w=word[1], t=town[1], s=surname[1], c=city[2])


def listing(n, seed=2026):
    """(raw fields, stand-in page for the reading) of listing n: the engine document minus the derived streams."""
    rng = random.Random(seed * 1_000_003 + n)
    city_index = rng.randrange(len(CITIES))
    city = CITIES[city_index]
    town_index = rng.choice(TOWNS_OF[city_index])
    town = TOWNS[town_index]
    word, surname = rng.choice(WORDS), rng.choice(SURNAMES)
    cats = rng.sample(CATEGORIES, rng.choice([1, 1, 1, 2]))
    pattern = rng.choice(cats[0][2])
    title = _fill(pattern, word, town, surname, city)
    kana = _kana(pattern, word, town, surname, city) if rng.random() < 0.85 else ""
    amenities = [key for key in AMENITY_KEYS if rng.random() < 0.4]
    weekdays = sorted(rng.sample(range(7), rng.choice([1, 2, 3, 5])))
    program = rng.choice(PROGRAMS)
    fills = {"ages": rng.choice(AGES), "kind": cats[0][1], "weekday": WEEKDAYS[weekdays[0]], "program": program}
    sentences = [s.format(**fills) for s in rng.sample(SENTENCES, 2)]
    sentences += [AMENITY_SENTENCES[a].format(n=rng.randint(2, 30)) for a in amenities if a in AMENITY_SENTENCES][:1]
    address = f"{city[0]}{city[1]}{town[0]}{rng.randint(1, 5)}-{rng.randint(1, 30)}-{rng.randint(1, 20)}"
    programs = sorted(rng.sample(PROGRAMS, rng.choice([0, 0, 1, 2])))
    low = rng.choice([None, 0, 0, 6, 12, 24])
    high = rng.choice([None, 11, 35, 47, 83]) if low is None or low < 11 else rng.choice([None, 47, 83])
    area_slug, area_name = area_of(city_index, town_index)
    categories = sorted(((slug, name) for slug, name, _patterns in cats), key=lambda c: c[0])
    texts = {
        "name": " ".join(part for part in (title, kana) if part),
        "labels": " ".join([name for _slug, name in categories] + [area_name]),
        "organisation": _fill(rng.choice(OPERATORS), word, town, surname, city),
        "body": " ".join(part for part in ("".join(sentences), address, " ".join(programs)) if part),
    }
    rules = sorted({f"{day}:{rng.choice([0, 0, 0, 1, 2, 3, -1])}" for day in weekdays})
    doc = {
        "listing_id": n + 1,
        "directory_id": 1000 + city_index,
        "hub": f"c{city_index:02d}",
        "location": {"lat": city[3] + rng.gauss(0, 0.03), "lon": city[4] + rng.gauss(0, 0.035)},
        "age_low": -1000 if low is None else low,
        "age_high": 10_000 if high is None else high,
        "categories": [slug for slug, _name in categories],
        "area": area_slug,
        "amenities": amenities,
        "weekdays": [str(day) for day in weekdays],
        "rules": sorted(rules),
        "locale": "ja",
        "translated": [],
        "staff_languages": [],
    }
    return doc, texts, SimpleNamespace(title=title, kana=kana)
