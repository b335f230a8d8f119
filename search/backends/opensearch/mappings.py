"""Index settings and mappings of the engine's two indexes (pages, directory listings)."""


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
    return {
        "analysis": {
            "analyzer": analyzers,
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


# The directory's documents (search.directory.documents): the same fields as the database's ListingDocument.
LISTING_PROPERTIES = {
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
}


def listing_properties(kuromoji):
    return LISTING_PROPERTIES
