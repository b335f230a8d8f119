"""Readings (よみ) over kanji as ruby: a hub's own corrections first (longest first), then SudachiPy word by word.

Only words that contain kanji get ruby, and their okurigana stay outside it: 赤ちゃん →
``<ruby>赤<rt>あか</rt></ruby>ちゃん``, 子育て → ``<ruby>子育<rt>こそだ</rt></ruby>て``, 保育園 →
``<ruby>保育園<rt>ほいくえん</rt></ruby>``. Readings are written in hiragana. Entity references, web addresses and
e-mail addresses in the text are left exactly as they are; numbers never get ruby (they contain no kanji).

The input is the text of one HTML text node, already escaped (``&amp;``); so is the output. Results are kept in a
per-process LRU keyed by the text and the hub's corrections, so a page's header, menu and footer, the same on
every page, are read once.
"""

import functools
import re
import unicodedata
from html import escape

# Ideographs (with extensions and compatibility forms), 々 〆 〇.
KANJI = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f\u3005\u3006\u3007"
# Read as part of a kanji word: 霞ヶ丘 (かすみがおか), 一ヵ月.
KANJI_LIKE = KANJI + "\u30f5\u30f6"
KANA = "\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fc\u30fd\u30fe"
HAS_KANJI = re.compile(f"[{KANJI}]")
_RUNS = re.compile(f"([{KANJI_LIKE}]+)|([{KANA}]+)|([^{KANJI_LIKE}{KANA}]+)")
_KANA_ONLY = re.compile(f"[{KANA}]+")
_KATAKANA_TO_HIRAGANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}
# Kept as written: entity references, web addresses (up to a space or Japanese punctuation) and e-mail addresses.
PROTECTED = re.compile(
    r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);"
    r"|(?:https?://|www\.)[^\s<>\"'、。，．・「」『』（）()【】]+"
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
)
CACHE_SIZE = 20_000


def hiragana(text):
    return unicodedata.normalize("NFKC", text).translate(_KATAKANA_TO_HIRAGANA)


def is_reading(text):
    """A reading is written in kana only (ー included)."""
    return bool(text) and _KANA_ONLY.fullmatch(text) is not None


def split_okurigana(surface, reading):
    """[(part, reading or None)]: the kanji runs of ``surface`` with their share of ``reading``, kana runs without.

    The kana the word is written with must be found in its reading (子育て / こそだて → 子育 こそだ + て); when
    they are not (or the word has digits, latin letters…), the whole word is one ruby, or none if it has no kanji.
    """
    reading = hiragana(reading)
    runs = [(match.group(0), match.lastindex) for match in _RUNS.finditer(surface)]
    if len(runs) == 1 or any(kind == 3 for _text, kind in runs):
        return [(surface, reading if HAS_KANJI.search(surface) and len(runs) == 1 else None)]
    pattern = "".join("(.+?)" if kind == 1 else re.escape(hiragana(text)) for text, kind in runs)
    match = re.fullmatch(pattern, reading)
    if match is None:
        return [(surface, reading)]
    shares = iter(match.groups())
    return [(text, next(shares) if kind == 1 else None) for text, kind in runs]


def fits(surface, reading):
    """Whether ``surface`` (kanji and kana, with a kanji) can carry ``reading``: its kana are found in the reading."""
    if not HAS_KANJI.search(surface) or not is_reading(reading):
        return False
    runs = [match.lastindex for match in _RUNS.finditer(surface)]
    if 3 in runs:
        return False
    return runs == [1] or any(share is None for _part, share in split_okurigana(surface, reading))


def ruby(surface, reading):
    """``surface`` (escaped HTML text) with ``reading`` over its kanji runs."""
    out = []
    for part, part_reading in split_okurigana(surface, reading):
        if part_reading and HAS_KANJI.search(part) and hiragana(part) != part_reading:
            out.append(f"<ruby>{part}<rt>{escape(part_reading)}</rt></ruby>")
        else:
            out.append(part)
    return "".join(out)


class Corrections:
    """One hub's readings (表記 → よみ), matched longest first. Hashable, so the LRU can key on it."""

    def __init__(self, pairs=()):
        self.readings = {escape(text, quote=False): reading for text, reading in pairs if text and reading}
        self.items = tuple(sorted(self.readings.items()))
        self._hash = hash(self.items)
        words = sorted(self.readings, key=len, reverse=True)
        self.pattern = re.compile("|".join(map(re.escape, words))) if words else None

    def __hash__(self):
        return self._hash

    def __eq__(self, other):
        return isinstance(other, Corrections) and (self is other or self.items == other.items)


NO_CORRECTIONS = Corrections()


def _sudachi(text):
    """The text with ruby over each word that has kanji (SudachiPy, mode C: 保育園 and 港南区 stay one word)."""
    from sudachipy import tokenizer

    from search.japanese import chunks
    from search.japanese import tokenizer as sudachi_tokenizer

    mode = tokenizer.Tokenizer.SplitMode.C
    out = []
    for chunk in chunks(text):
        words = [(m.surface(), m.reading_form()) for m in sudachi_tokenizer().tokenize(chunk, mode)]
        if "".join(surface for surface, _reading in words) != chunk:  # never change the text itself
            out.append(chunk)
            continue
        for surface, reading in words:
            has_reading = HAS_KANJI.search(surface) and is_reading(reading)
            out.append(ruby(surface, reading) if has_reading else surface)
    return "".join(out)


def _with_corrections(text, corrections):
    if corrections.pattern is None:
        return _sudachi(text)
    out, start = [], 0
    for match in corrections.pattern.finditer(text):
        out.append(_sudachi(text[start : match.start()]) if match.start() > start else "")
        out.append(ruby(match.group(0), corrections.readings[match.group(0)]))
        start = match.end()
    out.append(_sudachi(text[start:]) if start < len(text) else "")
    return "".join(out)


@functools.lru_cache(maxsize=CACHE_SIZE)
def with_ruby(text, corrections=NO_CORRECTIONS):
    """The escaped text of one text node with ruby over its kanji words (unchanged when it has no kanji)."""
    if not HAS_KANJI.search(text):
        return text
    out, start = [], 0
    for match in PROTECTED.finditer(text):
        if match.start() > start:
            out.append(_with_corrections(text[start : match.start()], corrections))
        out.append(match.group(0))
        start = match.end()
    if start < len(text):
        out.append(_with_corrections(text[start:], corrections))
    return "".join(out)
