"""The site search's one ranked query (search.backends.page_matches) gives exactly Wagtail's own order: the same
scores and, between equal scores, the page id descending — also across a digit boundary (page 100 before page 99,
which a tie broken on the index entry's text id, "99" > "100", would reverse)."""

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from home.models import StandardPage
from search.backends import page_matches
from search.backends.wagtail_database import build_query

pytestmark = pytest.mark.django_db


def add_page(home, slug, title, intro):
    return home.add_child(instance=StandardPage(slug=slug, title=title, intro=intro))


def next_page_id_is(pk):
    """Move the page id sequence forward so that the next page gets ``pk`` (SQLite's is rolled back with the test;
    PostgreSQL's only moves forward, which no other test minds)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT setval(pg_get_serial_sequence('wagtailcore_page', 'id'), %s)", [pk - 1])
        else:
            cursor.execute("UPDATE sqlite_sequence SET seq = %s WHERE name = 'wagtailcore_page'", [pk - 1])


def test_ties_are_broken_by_the_page_id_as_wagtail_does(home):
    last = add_page(home, "before", "お知らせ", "拠点からのお知らせです。")
    boundary = 10 ** len(str(last.pk + 2))  # the next power of ten with room before it
    next_page_id_is(boundary - 1)
    twins = [add_page(home, f"twins-{n}", "ふたごの会", "双子の親の集まり。") for n in range(3)]
    assert [page.pk for page in twins] == [boundary - 1, boundary, boundary + 1]
    add_page(home, "other", "ふたごの会 ふたごの会", "ふたご。双子。")
    call_command("update_index", verbosity=0)  # every title weight from the final average: the twins tie exactly
    backend, pages = get_search_backend("default"), Page.objects.live().public().descendant_of(home)
    for words in ("ふたごの会", "双子", "集まり"):
        query = build_query(words)
        wagtail = backend.search(query, pages, order_by_relevance=True)
        scores = {page.pk: page._score for page in wagtail.annotate_score("_score")}
        assert scores[boundary - 1] == scores[boundary] == scores[boundary + 1], words
        ours = page_matches.matches(backend, pages, query)
        assert ours == [(page.pk, page.content_type_id) for page in wagtail], words
        found = [pk for pk, _type in ours]
        print(words, boundary, found)
        assert found.index(boundary + 1) < found.index(boundary) < found.index(boundary - 1), words  # equal scores
