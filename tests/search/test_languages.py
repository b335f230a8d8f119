"""Search in the reader's language (issue 19): English stems, Chinese bigrams, the fallback to Japanese pages and the
staff-language filter — on the suite's database (SQLite or PostgreSQL), and the same answers on the real engine.

Pages are translated with core Wagtail (``copy_for_translation`` into a Locale, then published).
"""

import json
import urllib.request

import pytest
from wagtail.models import Locale

from home.factories import StandardPageFactory
from resources_directory.factories import ListingPageFactory
from search import english, languages
from search.backends.database import DatabaseEngine
from search.directory import documents, query_for, search_directory
from search.directory.staff import staff_language_keys
from tests.resources_directory.conftest import MONDAY
from tests.search.conftest import ENGINE_NAME, ENGINE_URL

LANGUAGES = [("ja", "日本語"), ("en", "English"), ("zh-hans", "简体中文"), ("ko", "한국어"), ("vi", "Tiếng Việt")]


@pytest.fixture
def content_languages(settings):
    settings.LANGUAGES = LANGUAGES
    settings.WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("ja", "en", "zh-hans")}


def translate(page, locale, **fields):
    """The page's translation into ``locale`` (core Wagtail), with these fields, published."""
    copy = page.copy_for_translation(locale, copy_parents=True).specific
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    return copy.specific_class.objects.get(pk=copy.pk)


@pytest.fixture
def pages(home, content_languages):
    """Japanese pages; some translated into English and Chinese, some not."""
    en, zh = content_languages["en"], content_languages["zh-hans"]
    nursing = StandardPageFactory(parent=home, slug="nursing", title="授乳室のある場所", intro="授乳室の一覧です。")
    playgroup = StandardPageFactory(parent=home, slug="hiroba", title="親子のひろば", intro="0歳から遊べます。")
    twins = StandardPageFactory(parent=home, slug="twins", title="ふたごの会", intro="双子を育てる家族の会。")
    bathing = StandardPageFactory(parent=home, slug="bathing", title="沐浴レッスン", intro="twins の沐浴も。")
    return {
        "nursing": nursing,
        "playgroup": playgroup,
        "twins": twins,
        "bathing": bathing,  # not translated: English readers find it in Japanese
        "nursing_en": translate(nursing, en, title="Nursing rooms", intro="Where to find a nursing room."),
        "playgroup_en": translate(playgroup, en, title="Playgroups", intro="A playgroup for babies and parents."),
        "twins_en": translate(twins, en, title="Twin club", intro="For families with twin babies."),
        "playgroup_zh": translate(playgroup, zh, title="亲子游乐场", intro="零岁起可以玩。"),
    }


def site(engine, q, locale, home):
    results = engine.search(q, filters={"type": [], "below": [home.path]}, locale=locale)
    return [(hit.language, hit.page_id) for hit in results.hits], results.count, results.facets


# --- analysis ---------------------------------------------------------------------------------------------------


def test_english_words_are_stemmed_so_plurals_and_forms_find_each_other():
    stems = languages.index_text("Nursing rooms for playgroups of twins", "en").split()
    assert stems == ["nurs", "room", "for", "playgroup", "of", "twin"]
    for query in ("nursing room", "playgroup", "twins", "twin", "ROOMS"):
        assert all(term[0][0] in stems for term in languages.query_terms(query, "en")), query
    assert [english.stem(w) for w in ("caresses", "ponies", "hopping", "relational", "generalization")] == [
        "caress",
        "poni",
        "hop",
        "relat",
        "gener",
    ]


def test_chinese_and_korean_become_bigrams_and_japanese_keeps_its_readings():
    assert languages.index_text("亲子游乐场", "zh-hans").split()[:4] == ["亲子", "子游", "游乐", "乐场"]
    assert languages.query_terms("游乐场", "zh-hans") == [[["游乐", "乐场"]]]
    assert languages.query_terms("놀이방", "ko") == [[["놀이", "이방"]]]
    assert "もく" in languages.index_text("沐浴", "ja")  # Japanese: as before, with the reading


def test_the_readers_language_comes_first_then_japanese(settings):
    settings.LANGUAGES = settings.WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
    assert [g.code for g in languages.groups_for("en-us")] == ["en", "ja"]
    assert [g.code for g in languages.groups_for("zh")] == ["zh-hans", "ja"]
    assert [g.code for g in languages.groups_for("ja")] == ["ja"]
    assert [g.code for g in languages.groups_for("fr")] == ["ja"]


def test_staff_languages_are_read_from_the_free_text_field():
    assert staff_language_keys("日本語、English、中文") == ["ja", "en", "zh"]
    assert staff_language_keys("Japanese / Korean・ベトナム語") == ["ja", "ko", "vi"]
    assert staff_language_keys("タガログ語, ネパール語 (少し)") == ["tl", "ne"]
    assert staff_language_keys("手話") == []


# --- site search on the database --------------------------------------------------------------------------------


def test_english_readers_find_stemmed_words_in_english_pages(pages, home):
    database = DatabaseEngine()
    for q in ("nursing room", "nursing rooms", "NURSING ROOM"):
        assert site(database, q, "en", home)[0] == [("en", pages["nursing_en"].pk)], q
    for q in ("playgroup", "playgroups"):
        assert site(database, q, "en", home)[0] == [("en", pages["playgroup_en"].pk)], q
    hits, count, facets = site(database, "twins", "en", home)
    # The English page first, then a Japanese page that says "twins" and has no English version.
    assert hits == [("en", pages["twins_en"].pk), ("ja", pages["bathing"].pk)] and count == 2
    assert [(f.key, f.count) for f in facets["type"]] == [("home.standardpage", 2)]


def test_untranslated_japanese_pages_are_the_fallback_and_translated_ones_are_not_repeated(pages, home):
    database = DatabaseEngine()
    assert site(database, "沐浴レッスン", "en", home)[0] == [("ja", pages["bathing"].pk)]
    in_english = site(database, "ひろば", "en", home)[0]
    assert ("ja", pages["playgroup"].pk) not in in_english  # it has an English version
    assert ("ja", pages["playgroup"].pk) in site(database, "ひろば", "ja", home)[0]
    assert site(database, "playgroup", "ja", home)[0] == []  # a Japanese reader searches Japanese pages


def test_a_chinese_query_finds_the_chinese_page(pages, home):
    database = DatabaseEngine()
    assert site(database, "游乐场", "zh-hans", home)[0] == [("zh-hans", pages["playgroup_zh"].pk)]
    assert site(database, "游乐场", "en", home)[0] == []
    assert site(database, "ふたご", "zh-hans", home)[0] == [("ja", pages["twins"].pk)]


def test_the_search_page_and_api_search_in_the_readers_language(pages, client):
    data = client.get("/en/api/v1/search/", {"q": "twins"}).json()
    assert [(hit["language"], hit["title"]) for hit in data["results"]] == [("en", "Twin club"), ("ja", "沐浴レッスン")]
    page = client.get("/en/search/", {"q": "twins"}).content.decode()
    assert page.index("Twin club") < page.index("沐浴レッスン")
    assert '<h2 lang="ja"><a href="/bathing/">沐浴レッスン</a></h2>' in page and "Japanese" in page
    assert client.get("/api/v1/search/", {"q": "twins"}).json()["results"][0]["title"] == "沐浴レッスン"


# --- directory ----------------------------------------------------------------------------------------------------


@pytest.fixture
def places(home, content_languages):
    directory = home.get_children().get(slug="directory").specific
    en, zh = content_languages["en"], content_languages["zh-hans"]

    def place(slug, title, kana, summary, spoken):
        return ListingPageFactory(
            parent=directory, slug=slug, title=title, kana=kana, summary=summary, languages=spoken
        )

    hiroba = place("hiroba", "さくら親子ひろば", "さくらおやこひろば", "0歳からのひろば", "日本語、English、中文")
    twins = place("twins", "ふたごサロン", "ふたごさろん", "双子の家族の集まり", "日本語, English")
    salon = place("salon", "うみの子育てサロン", "うみのこそだてさろん", "twins も歓迎", "日本語、한국어")
    park = place("park", "みどり公園ひろば", "みどりこうえんひろば", "外遊び", "日本語")
    listings = {
        "hiroba": hiroba,
        "twins": twins,
        "salon": salon,  # not translated
        "park": park,  # not translated
        "hiroba_en": translate(hiroba, en, title="Sakura playgroups", kana="", summary="A playgroup from age 0"),
        "twins_en": translate(twins, en, title="Twin salon", kana="", summary="Families with twins meet here"),
        "hiroba_zh": translate(hiroba, zh, title="樱花亲子游乐场", kana="", summary="零岁起的游乐场"),
    }
    return directory, listings


def directory_ids(params, locale, directory):
    result = search_directory(params, page_size=100, now=MONDAY, parent=directory, locale=locale)
    return [item.pk for item in result.items], result.count, result.facets


def test_the_directory_searches_the_readers_language_then_japanese_places(places):
    directory, p = places
    assert directory_ids({"q": "playgroup"}, "en", directory)[0] == [p["hiroba_en"].pk]
    assert directory_ids({"q": "Playgroups"}, "en", directory)[0] == [p["hiroba_en"].pk]
    ids, count, facets = directory_ids({"q": "twins"}, "en", directory)
    assert ids == [p["twins_en"].pk, p["salon"].pk] and count == 2
    assert directory_ids({"q": "twin"}, "en", directory)[0] == [p["twins_en"].pk]
    assert directory_ids({"q": "游乐场"}, "zh-hans", directory)[0] == [p["hiroba_zh"].pk]
    # No words: the English places, then the Japanese places without an English version (each place once).
    assert directory_ids({}, "en", directory)[0] == [p["hiroba_en"].pk, p["twins_en"].pk, p["salon"].pk, p["park"].pk]
    assert directory_ids({}, "ja", directory)[0] == [p["salon"].pk, p["hiroba"].pk, p["twins"].pk, p["park"].pk]


def test_places_can_be_filtered_by_the_languages_their_staff_speak(places):
    directory, p = places
    ids, count, facets = directory_ids({"lang_staff": "en"}, "ja", directory)
    assert ids == [p["hiroba"].pk, p["twins"].pk] and count == 2
    assert facets["lang_staff"] == {"ja": 2, "en": 2, "zh": 1}
    ids, count, facets = directory_ids({"lang_staff": ["zh", "ko"]}, "ja", directory)
    assert set(ids) == {p["hiroba"].pk, p["salon"].pk}
    everything = directory_ids({}, "ja", directory)[2]["lang_staff"]
    assert everything == {"ja": 4, "en": 2, "zh": 1, "ko": 1}


def test_the_api_and_page_offer_the_staff_language_filter(places, client):
    directory, p = places
    data = client.get("/api/v1/directory/", {"lang_staff": "ko"}).json()
    assert [row["id"] for row in data["results"]] == [p["salon"].pk]
    assert data["facets"]["lang_staff"] == {"ja": 1, "ko": 1}
    bad = client.get("/api/v1/directory/", {"lang_staff": "xx"})
    assert bad.status_code == 400 and "lang_staff" in bad.json()["errors"]
    page = client.get("/directory/", {"lang_staff": "en"}).content.decode()
    assert 'name="lang_staff" value="en"' in page and "さくら親子ひろば" in page and "うみの子育てサロン" not in page
    english = client.get("/en/api/v1/directory/", {"q": "twins"}).json()
    assert [row["id"] for row in english["results"]] == [p["twins_en"].pk, p["salon"].pk]


# --- the same answers on the engine -------------------------------------------------------------------------------

SITE_CASES = [
    ("nursing rooms", "en"),
    ("playgroup", "en"),
    ("twins", "en"),
    ("沐浴レッスン", "en"),
    ("ひろば", "en"),
    ("游乐场", "zh-hans"),
    ("ふたご", "zh-hans"),
    ("ひろば", "ja"),
    ("twinz", "en"),  # no exact match: the forgiving second try, in both groups
]
DIRECTORY_CASES = [
    ({"q": "playgroups"}, "en"),
    ({"q": "twins"}, "en"),
    ({"q": "twin"}, "en"),
    ({"q": "游乐场"}, "zh-hans"),
    ({}, "en"),
    ({}, "zh-hans"),
    ({"lang_staff": "en"}, "ja"),
    ({"lang_staff": ["zh", "ko"]}, "en"),
    ({"q": "ひろば"}, "en"),
]


@pytest.mark.engine
@pytest.mark.skipif(not ENGINE_URL, reason="SEARCH_ENGINE_URL not set")
def test_every_backend_gives_the_same_answers_in_every_language(pages, places, home, opensearch):
    opensearch.rebuild()
    opensearch.rebuild_listings(documents.engine_documents())
    database = DatabaseEngine()
    for q, locale in SITE_CASES:
        a, b = site(database, q, locale, home), site(opensearch, q, locale, home)
        # The groups in the same order; within a group each backend ranks by its own relevance (as before).
        assert [lang for lang, _id in a[0]] == [lang for lang, _id in b[0]] and a[1] == b[1], (q, locale)
        assert sorted(a[0]) == sorted(b[0]), (q, locale)
        assert [(f.key, f.count) for f in a[2]["type"]] == [(f.key, f.count) for f in b[2]["type"]], (q, locale)
    on_engine = site(opensearch, "twins", "en", home)[0]
    assert on_engine.index(("en", pages["twins_en"].pk)) < on_engine.index(("ja", pages["bathing"].pk))
    directory, p = places
    for params, locale in DIRECTORY_CASES:
        query = query_for(params, MONDAY.date(), directory, 0, 100, locale=locale)
        a, b = database.search_directory(query), opensearch.search_directory(query)
        assert (a.backend, b.backend) == ("database", ENGINE_NAME)
        assert (a.ids, a.scores, a.count, a.facets) == (b.ids, b.scores, b.count, b.facets), (params, locale)
        assert a.count > 0, (params, locale)
        window = query_for(params, MONDAY.date(), directory, 1, 2, locale=locale)
        assert database.search_directory(window).ids == opensearch.search_directory(window).ids == a.ids[1:3]


def analyse_on_node(filters, text):
    body = json.dumps({"tokenizer": "standard", "filter": filters, "text": text}).encode()
    request = urllib.request.Request(f"{ENGINE_URL}/_analyze", body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - the test node's URL
        return [token["token"] for token in json.load(response)["tokens"]]


WORDS = (
    "nursing rooms playgroups twins babies families parents toddlers meeting crying sleeping feeding walking "
    "vaccinations consultation hospitals nurseries childcare allowances registration generalization relational "
    "happiness hopeful caresses ponies agreed feed conditional rational digitizer operator sensitivity activities"
)


@pytest.mark.engine
@pytest.mark.skipif(not ENGINE_URL, reason="SEARCH_ENGINE_URL not set")
def test_the_database_stemmer_and_the_engines_analysers_agree_word_for_word():
    assert analyse_on_node(["lowercase", "porter_stem"], WORDS) == [english.stem(w) for w in WORDS.split()]
    for text, code in (("亲子游乐场", "zh-hans"), ("놀이방", "ko")):
        bigrams = analyse_on_node(["cjk_width", "lowercase", "cjk_bigram"], text)
        assert bigrams == languages.query_terms(text, code)[0][0], text


def test_the_admin_search_and_chooser_find_japanese_words_and_any_form_of_an_english_one(pages, client, home):
    from tests.conftest import log_in, make_staff_user

    log_in(client, make_staff_user("editor"))
    for q, found, absent in (
        ("room", "Nursing rooms", "Playgroups"),
        ("rooms", "Nursing rooms", "Playgroups"),
        ("playgroup", "Playgroups", "Nursing rooms"),
        ("twin", "Twin club", "Playgroups"),
        ("授乳室", "授乳室のある場所", "親子のひろば"),  # three kanji: the vendor alone found nothing
        ('"沐浴レッスン"', "沐浴レッスン", "親子のひろば"),
        ("じゅにゅう", "授乳室のある場所", "親子のひろば"),  # the reading
    ):
        for url in ("/admin/pages/search/", "/admin/choose-page/search/"):
            html = client.get(url, {"q": q}).content.decode()
            assert found in html and absent not in html, (url, q)
