"""Every page a site search matches, in rank order, with its type: one full-text query per search.

The type facet's counts, the total and the result page all come from these rows, so a search runs the full-text
match once (before: once to count per type, once more to rank the page, and again for a type filter).

The order is Wagtail's own (the database backends' score, ties by id), reproduced exactly. The page conditions
(live, public, locale, hub) are checked per match through the page's key (an ``EXISTS``), not by listing every
allowed page's id on each search.

* SQLite: Wagtail's rank is an expression of ``bm25()`` (one call per query part and column, each giving the same
  value for a row); the query reads ``bm25()`` once per row (materialised) and orders by the expression written in
  SQL with the same floating-point operations in the same order (``modelsearch``'s ``build_tsrank`` and
  ``balanced_reduce``), so the scores are bit for bit Wagtail's. Ties: the page id, descending, as Wagtail's
  ``order_by(score, "-pk")`` (not the entry's text id: "9" sorts after "10").
* PostgreSQL: Wagtail's own score expression (``ts_rank`` of each query part over the entry's title and body,
  built by its query compiler), ties by page id descending; the match is on the entry's stored ``title_body``
  (``title || body``, migration 0008, GIN-indexed), so the index hits are rechecked without concatenating two
  vectors per row.
"""

from django.db import connection
from django.db.models import Exists, F, IntegerField, OuterRef
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from modelsearch.query import And, Not, Or, Phrase, PlainText
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.models import Page


def matches(backend, queryset, query):
    """[(page id, content type id)] of the pages of ``queryset`` that ``query`` (a Wagtail query object) matches,
    best first."""
    if connection.vendor == "sqlite":
        return _sqlite_matches(backend, queryset, query)
    return _postgres_matches(backend, queryset, query)


def _allowed(queryset, object_id):
    """The page conditions of ``queryset`` for an index entry (its ``object_id``), checked per match through the
    page's primary key, not by listing every allowed page's id on each search. (Only page entries reach it: their
    text ids are page ids.)"""
    return Exists(queryset.order_by().filter(pk=Cast(OuterRef(object_id), IntegerField())))


def _postgres_matches(backend, queryset, query):
    from django.contrib.postgres.search import SearchVectorField
    from modelsearch.backends.database.postgres.postgres import IndexEntry

    compiler = backend.search(query, queryset, order_by_relevance=False).query_compiler
    config = compiler.get_config(backend)
    # Wagtail's score: its rank expression over the entry's (title, title_norm) and (body, 1.0) vectors.
    score = compiler._build_rank_expression([(F("title"), F("title_norm")), (F("body"), 1.0)], config)
    rows = (
        IndexEntry.objects.annotate(text=RawSQL(f"{IndexEntry._meta.db_table}.title_body", [], SearchVectorField()))
        .filter(text=compiler.build_tsquery(query, config=config))  # title || body, stored (migration 0008)
        .filter(content_type__in=get_descendants_content_types_pks(Page))
        .filter(_allowed(queryset, "object_id"))
        .annotate(page_id=Cast("object_id", IntegerField()), score=score)
        .order_by(F("score").desc(), F("page_id").desc())  # Wagtail's order: the score, then the page id, descending
        .values_list("page_id", "content_type_id")
    )
    return list(rows)


def _rank_source(query):
    """SQL of modelsearch's SQLite ``build_tsrank`` expression for ``query`` in terms of a row's ``bm25()`` (``b``),
    read once: the same operations in the same order (``balanced_reduce`` pairs), so the same float."""
    if isinstance(query, (Phrase, PlainText, Not)):
        return "b"
    parts = [_rank_source(sub) for sub in query.subqueries]
    if isinstance(query, And):
        return f"({_balanced(' * ', [f'(1 + {part})' for part in parts])} - 1)"
    if isinstance(query, Or):
        return f"({_balanced(' + ', parts)} / {len(parts) or 1})"
    raise NotImplementedError(type(query).__name__)


def _balanced(op, sources):
    """``sources`` combined with ``op`` in modelsearch's ``balanced_reduce`` order (halves, left first)."""
    if len(sources) == 1:
        return sources[0]
    middle = len(sources) // 2
    return f"({_balanced(op, sources[:middle])}{op}{_balanced(op, sources[middle:])})"


def _sqlite_matches(backend, queryset, query):
    from modelsearch.backends.database.sqlite.query import BM25, MatchExpression, normalize
    from modelsearch.backends.database.sqlite.sqlite import SQLiteFTSIndexEntry

    compiler = backend.search(query, queryset, order_by_relevance=False).query_compiler
    match = MatchExpression(
        compiler.fields or compiler.FTS_TABLE_FIELDS, compiler.build_search_query(normalize(query), config=None)
    )
    found = (
        SQLiteFTSIndexEntry.objects.filter(match)
        .filter(index_entry__content_type__in=get_descendants_content_types_pks(Page))
        .filter(_allowed(queryset, "index_entry__object_id"))
        .annotate(page_id=Cast("index_entry__object_id", IntegerField()))
        .annotate(
            type_id=F("index_entry__content_type_id"),
            text_id=F("index_entry__object_id"),
            norm=F("index_entry__title_norm"),
            b=BM25(),
        )
        .values("pk", "page_id", "type_id", "text_id", "norm", "b")
    )
    sql, params = found.query.sql_with_params()
    rank = _rank_source(query)
    # bm25() read once per row (the materialized rows), Wagtail's expression of it evaluated in the ORDER BY: its
    # vectors (title, title_norm) and (body, 1.0), each rank times its boost, summed; ascending (bm25 is negative).
    # Ties: the page id, descending (Wagtail's ``order_by(score, "-pk")``), then the match order.
    ordered = (
        f"WITH found AS MATERIALIZED ({sql}) SELECT page_id, type_id FROM found"
        f" ORDER BY ({rank}) * norm + ({rank}) * 1.0, page_id DESC, pk"
    )
    with connection.cursor() as cursor:
        cursor.execute(ordered, params)
        return cursor.fetchall()
