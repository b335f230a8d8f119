"""Index settings and mappings of the engine's two indexes (pages, directory listings)."""

from search.japanese import engine_fold_rules

# The engine's own reading of raw text, token for token search.japanese.tokens(fold(text)) and _unigrams:
# ja_fold is fold() as a mapping (NFKC width, lower case, katakana → hiragana); ja_runs turns everything but letters
# and digits into spaces and puts spaces around ASCII words; ja_bigrams then emits, in order, each ASCII word whole,
# each overlapping pair of other characters, and a lone character on its own (never starting inside a surrogate
# pair); ja_chars emits every non-ASCII character (one-character queries).
_SURFACE = {
    "char_filter": {
        "ja_fold": {"type": "mapping", "mappings": []},
        "ja_runs": {
            "type": "pattern_replace",
            "pattern": r"[^\p{L}\p{N}]+|(?<=[a-z0-9])(?![a-z0-9])|(?<![a-z0-9])(?=[a-z0-9])",
            "replacement": " ",
        },
    },
    "tokenizer": {
        "ja_bigrams": {
            "type": "pattern",
            "pattern": r"(?![\uDC00-\uDFFF])(?=((?<![a-z0-9])[a-z0-9]+|[^ a-z0-9]{2}|(?<![^ ])[^ a-z0-9](?![^ ])))",
            "group": 1,
        },
        "ja_chars": {"type": "pattern", "pattern": "[^ a-z0-9]", "group": 0},
    },
    "analyzer": {
        "ja_surface": {"type": "custom", "char_filter": ["ja_fold", "ja_runs"], "tokenizer": "ja_bigrams"},
        "ja_chars": {"type": "custom", "char_filter": ["ja_fold", "ja_runs"], "tokenizer": "ja_chars"},
    },
}


def _analysis(kuromoji):
    analyzers = {
        "tokens": {"type": "custom", "tokenizer": "whitespace"},
        "ja_cjk": {"type": "custom", "tokenizer": "standard", "filter": ["cjk_width", "lowercase", "cjk_bigram"]},
        # English pages (search.languages): Porter stems, the algorithm search.english implements for the database.
        "en_stem": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase", "porter_stem"]},
    }
    if kuromoji:
        analyzers["ja_kuromoji"] = {
            "type": "custom",
            "tokenizer": "kuromoji_tokenizer",
            "char_filter": [],
            "filter": ["kuromoji_baseform", "cjk_width", "lowercase", "kuromoji_readingform_hira"],
        }
    char_filter = {**_SURFACE["char_filter"], "ja_fold": {"type": "mapping", "mappings": engine_fold_rules()}}
    return {
        "analysis": {
            "analyzer": {**analyzers, **_SURFACE["analyzer"]},
            "char_filter": char_filter,
            "tokenizer": _SURFACE["tokenizer"],
            "filter": {"kuromoji_readingform_hira": {"type": "kuromoji_readingform", "use_romaji": False}}
            if kuromoji
            else {},
        },
        "number_of_shards": 1,  # replicas: SEARCH_ENGINE_REPLICAS (EngineClient._create_index)
    }


def _text_field(kuromoji):
    fields = {"cjk": {"type": "text", "analyzer": "ja_cjk"}, "en": {"type": "text", "analyzer": "en_stem"}}
    if kuromoji:
        fields["ja"] = {"type": "text", "analyzer": "ja_kuromoji"}
    return {"type": "text", "analyzer": "ja_cjk", "fields": fields}


PAGE_PROPERTIES = {
    "type": {"type": "keyword"},
    "type_label": {"type": "keyword", "index": False},
    "url": {"type": "keyword", "index": False},
    "locale": {"type": "keyword"},  # the page's language code (search.languages)
    "translated": {"type": "keyword"},  # the languages it has a live translation in
    "path": {"type": "keyword"},  # the page's tree path: a hub's pages are the paths with its home page's prefix
    "revision": {"type": "long"},  # the live revision's id: index verification compares it with the database
    "title_tokens": {"type": "text", "analyzer": "tokens"},
    "tokens": {"type": "text", "analyzer": "tokens"},
}


def page_properties(kuromoji):
    return {**PAGE_PROPERTIES, "title": _text_field(kuromoji), "body": _text_field(kuromoji)}


def _surface_field():
    """Raw text the engine analyses (queries arrive as folded tokens: whitespace); ``.chars``: its characters."""
    common = {"type": "text", "search_analyzer": "tokens", "norms": False}
    chars = {**common, "analyzer": "ja_chars", "index_options": "docs"}
    return {**common, "analyzer": "ja_surface", "index_options": "positions", "fields": {"chars": chars}}


# The directory's documents (search.directory.documents): the database's ListingDocument, except that the text comes
# raw (*_text, analysed by the engine) and *_tokens carry only the reading and normal-form streams.
LISTING_PROPERTIES = {
    "name_text": _surface_field(),
    "label_text": _surface_field(),
    "body_text": _surface_field(),
    "listing_id": {"type": "long"},
    "revision": {"type": "long"},  # the listing page's live revision id (index verification)
    "directory_id": {"type": "long"},
    "hub": {"type": "keyword"},
    "reading": {"type": "keyword"},
    "name_tokens": {"type": "text", "analyzer": "tokens", "norms": False, "index_options": "positions"},
    "label_tokens": {"type": "text", "analyzer": "tokens", "norms": False, "index_options": "positions"},
    "body_tokens": {"type": "text", "analyzer": "tokens", "norms": False, "index_options": "positions"},
    "location": {"type": "geo_point"},
    "age_low": {"type": "integer"},
    "age_high": {"type": "integer"},
    "categories": {"type": "keyword"},
    "area": {"type": "keyword"},
    "amenities": {"type": "keyword"},
    "weekdays": {"type": "keyword"},
    "rules": {"type": "keyword"},
    "locale": {"type": "keyword"},
    "translated": {"type": "keyword"},
    "staff_languages": {"type": "keyword"},
    # Every facet's values, "<facet>:<value>" (documents.facet_values), counted by one terms aggregation; its
    # global ordinals are built when a refresh opens new segments, not by the first search after it.
    "facet_values": {"type": "keyword", "eager_global_ordinals": True},
}


def listing_properties(kuromoji):
    return LISTING_PROPERTIES
