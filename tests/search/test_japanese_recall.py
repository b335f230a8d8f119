"""recall@10 = 100 % for the Japanese test set, on whichever database the suite runs (SQLite or PostgreSQL)."""

from search.backends.database import DatabaseEngine
from tests.search.corpus import QUERIES


def missed(engine, pages, queries):
    by_url = {p.url: slug for slug, p in pages.items()}
    misses = []
    for query, expected, why in queries:
        found = [by_url.get(h.url) for h in engine.search(query, page=1, per_page=10).hits]
        lost = [slug for slug in expected if slug not in found]
        if lost:
            misses.append(f"{query!r} ({why}): missing {lost}, got {found}")
    return misses


def test_query_set_is_big_enough():
    assert len(QUERIES) >= 60


def test_every_query_finds_its_pages_in_the_top_10(corpus):
    assert missed(DatabaseEngine(), corpus, QUERIES) == []
