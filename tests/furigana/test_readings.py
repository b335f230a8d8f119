"""Readings over kanji (furigana.readings) and where a page gets them (furigana.html): word by word from SudachiPy,
a hub's corrections first, and never in links' addresses, form fields, code, numbers or web addresses."""

import pytest

from furigana.html import add_ruby
from furigana.readings import Corrections, with_ruby
from tests.furigana.html_check import readings, without_ruby

WORDS = {
    "赤ちゃん": "<ruby>赤<rt>あか</rt></ruby>ちゃん",
    "保育園": "<ruby>保育園<rt>ほいくえん</rt></ruby>",
    "戸塚": "<ruby>戸塚<rt>とつか</rt></ruby>",
    "親子": "<ruby>親子<rt>おやこ</rt></ruby>",
    "子育て": "<ruby>子育<rt>こそだ</rt></ruby>て",
    "支援": "<ruby>支援<rt>しえん</rt></ruby>",
    "港南": "<ruby>港南<rt>こうなん</rt></ruby>",
    "港南台": "<ruby>港南台<rt>こうなんだい</rt></ruby>",
    "お問い合わせ": "お<ruby>問<rt>と</rt></ruby>い<ruby>合<rt>あ</rt></ruby>わせ",
    "ママ友": "ママ<ruby>友<rt>とも</rt></ruby>",  # katakana stays as written; the reading is hiragana
    "はっち": "はっち",  # no kanji: no ruby
}


@pytest.mark.parametrize("word", WORDS)
def test_each_word_of_the_list_reads_as_a_family_would_say_it(word):
    assert with_ruby(word) == WORDS[word]


def test_a_sentence_is_read_word_by_word():
    html = with_ruby("赤ちゃんと親子で保育園へ")
    assert html == (
        "<ruby>赤<rt>あか</rt></ruby>ちゃんと<ruby>親子<rt>おやこ</rt></ruby>で<ruby>保育園<rt>ほいくえん</rt></ruby>へ"
    )


def test_numbers_addresses_and_entities_are_left_as_written():
    text = "10時から3歳児。https://example.jp/子育て/ と info@konan.example へ。親&amp;子"
    html = with_ruby(text)
    assert without_ruby(html) == text
    assert "10<ruby>時<rt>じ</rt></ruby>" in html and "3<ruby>歳児" in html
    assert "https://example.jp/子育て/ " in html  # the address, Japanese path included, untouched
    assert "info@konan.example" in html and "&amp;" in html


def test_a_hubs_correction_wins_longest_first_and_only_for_that_hub():
    corrections = Corrections([("野庭", "のば"), ("野庭中央", "のばちゅうおう"), ("港南", "みなとみなみ")])
    html = with_ruby("野庭中央公園と野庭の港南区", corrections)
    expected = {"野庭中央": "のばちゅうおう", "公園": "こうえん", "野庭": "のば", "港南": "みなとみなみ", "区": "く"}
    assert readings(html) == expected
    assert readings(with_ruby("野庭の港南区")) == {"野庭": "のにわ", "港南区": "こうなんく"}  # SudachiPy's own


def test_a_correction_with_okurigana_keeps_it_outside_the_ruby():
    assert with_ruby("子育て", Corrections([("子育て", "こそだて")])) == "<ruby>子育<rt>こそだ</rt></ruby>て"


PAGE = """<!DOCTYPE html>
<html lang="ja"><head><title>親子の広場</title><style>/* 親子 */ .a { color: red }</style></head>
<body><a href="/親子/?q=保育園" title="保育園">保育園へ</a>
<script>var s = "<b>親子</b>";</script>
<form><input name="q" value="保育園"><textarea name="t">親子の</textarea>
<select name="s"><option value="戸塚">戸塚<option>港南</select></form>
<code>親子()</code> <ruby>親子<rt>おやこ</rt></ruby> <span translate="no">支援</span>
<!-- 支援 --><p lang="en">Konan 支援 center</p><p>電話 045-000-0000</p></body></html>"""


def test_only_page_text_gets_ruby_never_attributes_form_fields_code_or_scripts():
    html = add_ruby(PAGE)
    assert without_ruby(html) == without_ruby(PAGE)  # nothing but ruby added
    assert readings(html) == {"保育園": "ほいくえん", "電話": "でんわ", "親子": "おやこ"}
    assert '<a href="/親子/?q=保育園" title="保育園"><ruby>保育園<rt>ほいくえん</rt></ruby>へ</a>' in html
    assert html.count("<ruby>親子") == 1  # the page's own ruby, not doubled
    assert "<title>親子の広場</title>" in html and "<option>港南</select>" in html
    assert "045-000-0000" in html


def test_a_page_that_is_not_japanese_is_unchanged():
    english = PAGE.replace('<html lang="ja">', '<html lang="en">')
    assert add_ruby(english) == english


def test_a_long_text_is_read_to_its_end():
    text = "保育園へ行く。" * 1200  # beyond what SudachiPy takes at once
    html = with_ruby(text)
    assert without_ruby(html) == text and html.count("<ruby>保育園<rt>ほいくえん</rt></ruby>") == 1200
