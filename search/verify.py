"""Does the engine hold what the database says it should? Ids and content of the pages and directory documents.

``rebuild_search_index --verify`` prints the differences. Each document is compared through a digest of its
fields (the live revision's id among them): a page's from its search fields (``PageSearch.page_fields``: the
token streams, a function of the title and body, are left out on both sides), a listing's from its stored
``ListingDocument`` (``engine_documents``). Missing = in the database, not in the engine; extra = the other way;
stale = in both, different.
"""

import hashlib
import json
from dataclasses import dataclass

from search.directory.documents import engine_documents
from search.documents import document_key, page_types


def digest(doc):
    return hashlib.sha1(json.dumps(doc, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


@dataclass
class Differences:
    index: str
    in_database: int
    in_engine: int
    missing: list
    extra: list
    stale: list

    @property
    def count(self):
        return len(self.missing) + len(self.extra) + len(self.stale)


def compare(index, expected, found):
    """Two {document id: digest} maps → Differences (ids sorted)."""
    return Differences(
        index,
        len(expected),
        len(found),
        sorted(set(expected) - set(found)),
        sorted(set(found) - set(expected)),
        sorted(key for key in set(expected) & set(found) if expected[key] != found[key]),
    )


def expected_pages(engine):
    found = {}
    for model in page_types().values():
        for page in model.objects.live().public().exact_type(model).specific().iterator(chunk_size=500):
            found[document_key(page)] = digest(engine.page_fields(page)[0])
    return found


def verify(engine):
    """[Differences] of the pages index and the directory index of an OpenSearchEngine."""
    from search.backends.opensearch.listings import INDEX

    pages = {key: digest(source) for key, source in engine.scan("pages", exclude=engine.DERIVED_FIELDS)}
    listings = {key: digest(source) for key, source in engine.scan(INDEX)}
    expected_listings = {str(doc["listing_id"]): digest(doc) for doc in engine_documents()}
    return [compare("pages", expected_pages(engine), pages), compare("directory", expected_listings, listings)]
