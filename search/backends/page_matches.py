"""Every page a site search matches, in rank order, with its type: one full-text query per search.

The type facet's counts, the total and the result page all come from these rows, so a search runs the full-text
match once (before: once to count per type, once more to rank the page, and again for a type filter).

The order is Wagtail's own (the database backends' score, ties by id), reproduced exactly:

* SQLite: Wagtail's rank is an expression of ``bm25()`` (one call per query part and column, each giving the same
  value for a row); the query reads ``bm25()`` once per row and the expression is evaluated here, with the same
  floating-point operations in the same order (``modelsearch``'s ``build_tsrank`` and ``balanced_reduce``), so the
  scores are bit for bit Wagtail's. Ties: the index entry's text id, descending, as before.
* PostgreSQL: Wagtail's own ranked queryset (``ts_rank`` over ``title || body``, ties by id descending), read as
  (id, type) rows; migration 0006 gives its match an expression index.
"""

from django.db import connection
from django.db.models import CharField
from django.db.models.functions import Cast
from modelsearch.query import And, Not, Or, Phrase, PlainText
from modelsearch.utils import ADD, MUL, get_descendants_content_types_pks
from wagtail.models import Page


def matches(backend, queryset, query):
    """[(page id, content type id)] of the pages of ``queryset`` that ``query`` (a Wagtail query object) matches,
    best first."""
    if connection.vendor == "sqlite":
        return _sqlite_matches(backend, queryset, query)
    results = backend.search(query, queryset.order_by(), order_by_relevance=True)
    return list(results.get_queryset().values_list("pk", "content_type_id"))


def _rank(query, bm25):
    """The value of modelsearch's SQLite ``build_tsrank`` expression for a row whose ``bm25()`` is ``bm25``."""
    if isinstance(query, (Phrase, PlainText, Not)):
        return bm25
    if isinstance(query, And):
        return MUL(1 + _rank(sub, bm25) for sub in query.subqueries) - 1
    if isinstance(query, Or):
        return ADD(_rank(sub, bm25) for sub in query.subqueries) / (len(query.subqueries) or 1)
    raise NotImplementedError(type(query).__name__)


def _sqlite_matches(backend, queryset, query):
    from modelsearch.backends.database.sqlite.query import BM25, MatchExpression, normalize
    from modelsearch.backends.database.sqlite.sqlite import SQLiteFTSIndexEntry

    compiler = backend.search(query, queryset, order_by_relevance=False).query_compiler
    match = MatchExpression(
        compiler.fields or compiler.FTS_TABLE_FIELDS, compiler.build_search_query(normalize(query), config=None)
    )
    allowed = queryset.order_by().annotate(oid=Cast("pk", CharField())).values("oid")
    rows = (
        SQLiteFTSIndexEntry.objects.filter(match)
        .filter(index_entry__content_type__in=get_descendants_content_types_pks(Page))
        .filter(index_entry__object_id__in=allowed)
        .annotate(bm25=BM25())
        .values_list("index_entry__object_id", "index_entry__content_type_id", "index_entry__title_norm", "bm25")
    )
    scored = []
    for object_id, content_type_id, title_norm, bm25 in rows:
        rank = _rank(query, bm25)
        # Wagtail's vectors: (title, title_norm) and (body, 1.0), each rank times its boost, summed.
        scored.append((rank * title_norm + rank * 1.0, object_id, content_type_id))
    scored.sort(key=lambda row: row[1], reverse=True)  # ties: the text id, descending
    scored.sort(key=lambda row: row[0])  # stable: the score, ascending (bm25 is negative)
    return [(int(object_id), content_type_id) for _score, object_id, content_type_id in scored]
