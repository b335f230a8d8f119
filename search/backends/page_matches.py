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

import operator

from django.db import connection
from django.db.models import CharField
from django.db.models.functions import Cast
from modelsearch.query import And, Not, Or, Phrase, PlainText
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.models import Page


def matches(backend, queryset, query):
    """[(page id, content type id)] of the pages of ``queryset`` that ``query`` (a Wagtail query object) matches,
    best first."""
    if connection.vendor == "sqlite":
        return _sqlite_matches(backend, queryset, query)
    results = backend.search(query, queryset.order_by(), order_by_relevance=True)
    return list(results.get_queryset().values_list("pk", "content_type_id"))


def _balanced(op, functions):
    """One function of bm25 combining ``functions`` with ``op`` in modelsearch's ``balanced_reduce`` order."""
    if len(functions) == 1:
        return functions[0]
    middle = len(functions) // 2
    left, right = _balanced(op, functions[:middle]), _balanced(op, functions[middle:])
    return lambda bm25: op(left(bm25), right(bm25))


def _ranker(query):
    """A function giving, for a row's ``bm25()``, the value of modelsearch's SQLite ``build_tsrank`` expression for
    ``query`` (the same operations in the same order, so the same float); made once per search, called per row."""
    if isinstance(query, (Phrase, PlainText, Not)):
        return lambda bm25: bm25
    parts = [_ranker(sub) for sub in query.subqueries]
    if isinstance(query, And):
        product = _balanced(operator.mul, [lambda bm25, part=part: 1 + part(bm25) for part in parts])
        return lambda bm25: product(bm25) - 1
    if isinstance(query, Or):
        total, count = _balanced(operator.add, parts), len(parts) or 1
        return lambda bm25: total(bm25) / count
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
    with connection.cursor() as cursor:  # thousands of rows of plain values: no per-row converters
        cursor.execute(*rows.query.sql_with_params())
        rows = cursor.fetchall()
    rank = _ranker(query)
    scored = []
    for object_id, content_type_id, title_norm, bm25 in rows:
        value = rank(bm25)
        # Wagtail's vectors: (title, title_norm) and (body, 1.0), each rank times its boost, summed.
        scored.append((value * title_norm + value * 1.0, object_id, content_type_id))
    scored.sort(key=lambda row: row[1], reverse=True)  # ties: the text id, descending
    scored.sort(key=lambda row: row[0])  # stable: the score, ascending (bm25 is negative)
    return [(int(object_id), content_type_id) for _score, object_id, content_type_id in scored]
