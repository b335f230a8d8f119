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
from django.db.models import CharField, Exists, F, IntegerField, OuterRef
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
        .filter(Exists(queryset.order_by().annotate(oid=Cast("pk", CharField())).filter(oid=OuterRef("object_id"))))
        .annotate(page_id=Cast("object_id", IntegerField()), score=score)
        .order_by(F("score").desc(), F("page_id").desc())  # Wagtail's order: the score, then the page id, descending
        .values_list("page_id", "content_type_id")
    )
    return list(rows)


def _rank_source(query):
    """Python source of modelsearch's SQLite ``build_tsrank`` expression for ``query`` in terms of a row's ``bm25()``
    (``b``): the same operations in the same order (``balanced_reduce`` pairs), so the same float."""
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


def _scorer(query):
    """A function of the matched rows (page id, text id, content type, title_norm, bm25) giving (score, text id,
    page id, content type) per row, compiled once per search from the query's rank expression. Wagtail's vectors:
    (title, title_norm) and (body, 1.0), each rank times its boost, summed."""
    source = f"lambda rows: [(v * n + v * 1.0, o, p, c) for p, o, c, n, b in rows for v in ({_rank_source(query)},)]"
    return eval(source, {})  # noqa: S307 - built above from the query's structure only, never from its text


def _sqlite_matches(backend, queryset, query):
    from modelsearch.backends.database.sqlite.query import BM25, MatchExpression, normalize
    from modelsearch.backends.database.sqlite.sqlite import SQLiteFTSIndexEntry

    compiler = backend.search(query, queryset, order_by_relevance=False).query_compiler
    match = MatchExpression(
        compiler.fields or compiler.FTS_TABLE_FIELDS, compiler.build_search_query(normalize(query), config=None)
    )
    rows = (
        SQLiteFTSIndexEntry.objects.filter(match)
        .filter(index_entry__content_type__in=get_descendants_content_types_pks(Page))
        .annotate(page_id=Cast("index_entry__object_id", IntegerField()))
        # The page conditions per match, through the page's primary key (not a list of every allowed page's id).
        .filter(Exists(queryset.order_by().filter(pk=OuterRef("page_id"))))
        .annotate(bm25=BM25())
        .values_list(
            "page_id", "index_entry__object_id", "index_entry__content_type_id", "index_entry__title_norm", "bm25"
        )
    )
    with connection.cursor() as cursor:  # thousands of rows of plain values: no per-row converters
        cursor.execute(*rows.query.sql_with_params())
        scored = _scorer(query)(cursor.fetchall())
    scored.sort(key=lambda row: row[1], reverse=True)  # ties: the text id, descending
    scored.sort(key=lambda row: row[0])  # stable: the score, ascending (bm25 is negative)
    return [(page_id, content_type_id) for _score, _text_id, page_id, content_type_id in scored]
