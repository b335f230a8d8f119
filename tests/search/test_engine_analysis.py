"""The engine reads raw listing text itself: its ja_surface / ja_chars analysers give the database's tokens.

A listing's engine document carries its raw name, labels and body; the engine folds them (NFKC width, lower case,
katakana → hiragana) and cuts them into the same bigrams and characters as ``search.japanese`` does for the
database's token streams, so a word that finds a place on one backend finds it on the other.
"""

import io

import pytest

from resources_directory import demo
from resources_directory.models import ListingPage
from search.backends.opensearch.listings import INDEX
from search.backends.opensearch.mappings import listing_properties
from search.directory.documents import listing_texts
from search.japanese import _unigrams, fold, tokens
from tests.search.conftest import ENGINE_URL
from tests.search.corpus import PAGES

pytestmark = [pytest.mark.engine, pytest.mark.skipif(not ENGINE_URL, reason="SEARCH_ENGINE_URL not set")]

UNUSUAL = [
    "ﾋﾛﾊﾞ ﾊﾟﾝ屋 ｶﾞｯｺｳ ｰ",  # half-width kana with their voiced marks
    "ＡＢＣ１２３ ａｂｃ　ＫＯＳＯＤＡＴＥ　ＨＵＢ",  # full-width letters, digits and space
    "Café ひだまり naïve éèà Москва",  # letters outside ASCII and the kana
    "佐々木こども園 人々 〆切 ヶ丘",
    "べびーかー ベビーカー可 ヴァイオリン ヷ",
    "3.5km don't info@example.jp 1,000円 2F",  # ASCII words split where the database splits them
    "㈱こどもの森 ①番 ㍻ か\u3099っこう",  # compatibility characters, a combining voiced mark
    "あいうabc森def え 森",
    "子ども・子育て「ひろば」（月〜金）",
    "𠮷野家 おやこ",  # a character outside the BMP: never half of it
]


def analysed(engine, index, analyzer, text):
    answer = engine.client.indices.analyze(index=index, body={"analyzer": analyzer, "text": text})
    return [t["token"] for t in answer["tokens"]]


def test_the_engine_cuts_raw_text_into_the_databases_tokens(home, opensearch):
    demo.load(home, io.StringIO())
    texts = list(UNUSUAL)
    texts += [f"{title} {intro}" for title, intro in PAGES.values()]
    for page in ListingPage.objects.select_related("area").prefetch_related("categories"):
        texts += [text for text in listing_texts(page, page.categories.all()).values() if text]
    assert len(texts) > 100
    index = opensearch._create_index(INDEX, listing_properties)
    for text in texts:
        folded = fold(text)
        assert analysed(opensearch, index, "ja_surface", text) == tokens(folded), text
        assert sorted(set(analysed(opensearch, index, "ja_chars", text))) == _unigrams(folded), text
