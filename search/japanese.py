"""Japanese text for search: width and kana folding, morphological readings, bigram token streams.

Japanese has no spaces, so a search index that splits on spaces sees a whole sentence as one word.
Every text we index becomes a space-separated *token stream* any full-text engine can read
(SQLite FTS5, PostgreSQL ``to_tsvector('simple', …)``, a whitespace analyzer):

1. the folded text (NFKC width folding, lower case, katakana → hiragana) as overlapping character
   bigrams for runs of Japanese script, and whole words for runs of ASCII letters and digits;
2. the same for the text's *reading* (SudachiPy, core dictionary), so もくよく finds 沐浴;
3. the same for the *normalised forms* (子ども → 子供), when they differ;
4. every distinct Japanese character once, so one-character queries (森, 園) still match.

A query goes through the same folding; each whitespace-separated term must match as a phrase of
consecutive bigrams (= a substring of the text, of its reading or of its normalised form).
"""

import functools
import re
import threading
import unicodedata

_local = threading.local()

# Sudachi rejects inputs above ~49 kB; cut long texts at sentence ends well below that.
_CHUNK_CHARS = 4000
_ASCII_WORD = re.compile(r"[a-z0-9]+")
_TOKEN_RUN = re.compile(r"[^\W_]+")
_KATAKANA_TO_HIRAGANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}


def _tokenizer():
    tok = getattr(_local, "tokenizer", None)
    if tok is None:
        from sudachipy import dictionary

        tok = _local.tokenizer = dictionary.Dictionary(dict="core").tokenizer()
    return tok


def tokenizer():
    """This thread's SudachiPy tokenizer (core dictionary), made once per thread; furigana (ルビ) reuses it."""
    return _tokenizer()


def fold(text):
    """NFKC (full/half width), lower case, katakana → hiragana."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    return text.translate(_KATAKANA_TO_HIRAGANA)


def chunks(text):
    """The text in pieces SudachiPy accepts, cut at sentence ends (furigana reuses it)."""
    while len(text) > _CHUNK_CHARS:
        cut = max(text.rfind("。", 0, _CHUNK_CHARS), text.rfind("\n", 0, _CHUNK_CHARS))
        cut = cut + 1 if cut > 0 else _CHUNK_CHARS
        yield text[:cut]
        text = text[cut:]
    if text:
        yield text


def analyse(text):
    """Return (reading, normalised) of `text`.

    reading: the text with each morpheme replaced by its reading (punctuation and spaces stay where they were,
    so word boundaries survive); normalised: the normal forms of the morphemes that have a different one.
    """
    from sudachipy import tokenizer

    mode = tokenizer.Tokenizer.SplitMode.C
    readings, normals = [], []
    text = unicodedata.normalize("NFKC", text or "")
    for chunk in chunks(text):
        for m in _tokenizer().tokenize(chunk, mode):
            surface = m.surface()
            if m.part_of_speech()[0] in ("補助記号", "空白") or not _TOKEN_RUN.search(surface):
                readings.append(surface)
                continue
            reading = m.reading_form()
            # Unknown words (latin, rare names) come back with an empty or "キゴウ" reading: keep the surface.
            readings.append(reading if reading and reading != "キゴウ" else surface)
            normal = m.normalized_form()
            if normal and normal != surface:
                normals.append(normal)
    return "".join(readings), " ".join(normals)


def _normal_forms(text):
    from sudachipy import tokenizer

    mode = tokenizer.Tokenizer.SplitMode.C
    return [m.normalized_form() or m.surface() for m in _tokenizer().tokenize(text, mode)]


def tokens(folded):
    """Token stream of already folded text: ASCII words whole, other scripts as overlapping bigrams."""
    out = []
    for run in _TOKEN_RUN.findall(folded):
        for part in re.split(r"([a-z0-9]+)", run):
            if not part:
                continue
            if _ASCII_WORD.fullmatch(part) or len(part) == 1:
                out.append(part)
            else:
                out.extend(part[i : i + 2] for i in range(len(part) - 1))
    return out


def _unigrams(folded):
    return sorted({ch for ch in folded if _TOKEN_RUN.match(ch) and not ch.isascii()})


def index_text(text):
    """The token stream to store in a full-text index for `text`."""
    if not text or not text.strip():
        return ""
    folded = fold(text)
    reading, normal = analyse(text)
    streams = [tokens(folded)]
    if fold(reading) != folded:
        streams.append(tokens(fold(reading)))
    if normal:
        streams.append(tokens(fold(normal)))
    streams.append(_unigrams(folded))
    return " ".join(" ".join(s) for s in streams if s)


def query_terms(query):
    """Split a user's query into terms; each term is a list of alternative token sequences (any may match).

    >>> query_terms("ﾓｸﾖｸ 体験")  # doctest: +SKIP
    [[['もく', 'くよ', 'よく']], [['体験'], ['たい', 'いけ', 'けん']]]
    """
    terms = []
    for raw in unicodedata.normalize("NFKC", query or "").split():
        alternatives = _term_alternatives(raw)
        if alternatives:
            terms.append([list(seq) for seq in alternatives])
    return terms


@functools.lru_cache(maxsize=4096)
def _term_alternatives(raw):
    """One query term's alternative token sequences (tuples). Kept per term: SudachiPy's two analyses of a term
    cost more than the rest of a search's Python, and families type the same words again and again."""
    folded = fold(raw)
    if not _TOKEN_RUN.search(folded):
        return ()
    reading, _normal = analyse(raw)
    alternatives = []
    # The whole term's normal form (子ども → 子供), joined: it must match as one substring.
    normal = "".join(_normal_forms(raw))
    for variant in (folded, fold(reading), fold(normal)):
        seq = tuple(tokens(variant))
        if seq and seq not in alternatives:
            alternatives.append(seq)
    return tuple(alternatives)


def loose_tokens(query):
    """Distinct surface tokens of the query, for a forgiving (OR) second try after a typo.

    Only for queries of three or more characters: a short word with no exact match has no near miss worth showing.
    """
    folded = [fold(raw) for raw in unicodedata.normalize("NFKC", query or "").split()]
    if sum(len(f) for f in folded) < 3:
        return []
    seen = []
    for f in folded:
        for tok in tokens(f):
            if tok not in seen:
                seen.append(tok)
    return seen


def highlight_terms(query):
    """Surface strings to highlight in a snippet (the folded query terms)."""
    return [fold(raw) for raw in unicodedata.normalize("NFKC", query or "").split() if raw]
