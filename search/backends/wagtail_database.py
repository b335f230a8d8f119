"""Wagtail search backend: Wagtail's own database backend (SQLite FTS5 / PostgreSQL) fed with Japanese token streams.

Nothing of Wagtail is forked: we subclass the vendor backend Wagtail picks for the database and

* write each object's index entry with :func:`search.languages.index_text` of the values Wagtail would index, in
  the object's language (its locale: Japanese, English stems, bigrams; our indexer wraps ``prepare_value``;
  entries are written in bulk), so the admin search benefits too;
* turn a query string into Wagtail query objects (``And``/``Or``/``Phrase``/``PlainText``) over the same tokens.
  A query of no stated language (the admin's searches, choosers, the Wagtail API) is read as Japanese and, when it
  has Latin letters, as English too (stems), either matching: an editor finds "Nursing rooms" by "room". The admin's
  page search and page chooser hand over Wagtail query objects (``parse_query_string``: ``PlainText``, ``Phrase``,
  an ``And`` of them) rather than text: their words are analysed the same way (before, 授乳室 found nothing there:
  the vendor looked for the token 授乳室 in a stream of bigrams). Our own analysed parts are ``AnalysedText`` /
  ``AnalysedPhrase`` and are never analysed twice.

Configure with ``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.wagtail_database"}}``.
"""

import re

from django.db import connection
from modelsearch.query import And, Or, Phrase, PlainText
from modelsearch.utils import get_content_type_pk

from search import languages


class AnalysedText(PlainText):
    """Tokens of our analysis (search.languages), passed to the vendor's compiler as they are."""


class AnalysedPhrase(Phrase):
    """A sequence of tokens of our analysis (bigrams, a reading), passed to the vendor's compiler as it is."""


def build_query(query_string, *, loose=False, language="ja"):
    """Wagtail query object for `query_string` over documents in `language`, or None when nothing searchable is left.

    Strict: every term must match (as a phrase of bigrams: a substring of the text, its reading or its normal form).
    Loose (second try after a typo): any token of any term.
    """
    if loose:
        toks = languages.loose_tokens(query_string, language)
        return AnalysedText(" ".join(toks), operator="or") if toks else None
    parts = []
    for alternatives in languages.query_terms(query_string, language):
        options = [AnalysedPhrase(" ".join(seq)) if len(seq) > 1 else AnalysedText(seq[0]) for seq in alternatives]
        parts.append(options[0] if len(options) == 1 else Or(options))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else And(parts)


_LATIN = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ]")


def build_query_any_language(query_string):
    """The Japanese query, or with Latin letters either it or the English one (``build_query``)."""
    japanese = build_query(query_string)
    english = build_query(query_string, language="en") if _LATIN.search(query_string) else None
    if japanese is None or english is None:
        return japanese or english
    return Or([japanese, english])


def typed_words(query):
    """The words of a query object Wagtail built from what a user typed (``PlainText``, ``Phrase``, an ``And`` of
    them), or None for anything else (our analysed parts, ``MatchAll``...)."""
    if isinstance(query, (AnalysedText, AnalysedPhrase)):
        return None
    if isinstance(query, (PlainText, Phrase)):
        return query.query_string
    if isinstance(query, And):
        words = [typed_words(part) for part in query.subqueries]
        return None if None in words else " ".join(words)
    return None


class _JapaneseIndexMixin:
    indexer_class = None  # the vendor's ObjectIndexer, with prepare_value wrapped

    def add_items(self, model, objs):
        """The vendor's add_items with our indexer, in bulk: the objects' old entries are deleted and new ones
        inserted in a few statements (SQLite's FTS table follows through the vendor's triggers; PostgreSQL's
        tsvectors are computed in the INSERT). The vendor's own add_items uses its indexer, not ours."""
        objs = list(objs)
        if not objs or not model.get_search_fields():
            return
        content_type_pk = get_content_type_pk(model)
        indexers = [self.indexer_class(obj, self.backend) for obj in objs]
        ids = [indexer.id for indexer in indexers]
        for start in range(0, len(ids), 500):
            self.entries.filter(content_type_id=content_type_pk, object_id__in=ids[start : start + 500]).delete()
        entry = self.entries.model
        self.entries.bulk_create(
            [entry(content_type_id=content_type_pk, object_id=i.id, **self.indexed_values(i)) for i in indexers],
            batch_size=500,
        )
        self._refresh_title_norms()

    def indexed_values(self, indexer):
        return {"title": indexer.title, "body": indexer.body, "autocomplete": indexer.autocomplete}


class _JapaneseBackendMixin:
    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        text = query if isinstance(query, str) else typed_words(query)
        if text is not None:
            built = build_query_any_language(text)
            query = "" if built is None else built
        return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)

    def autocomplete(self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True):
        # Bigram streams make every prefix of two or more characters a phrase match already.
        return self.search(
            query, model_or_queryset, fields=None, operator=operator, order_by_relevance=order_by_relevance
        )


def _sqlite_backend(params):
    from modelsearch.backends.database.sqlite import sqlite

    class Indexer(sqlite.ObjectIndexer):
        def prepare_value(self, value):
            return languages.index_text(super().prepare_value(value), languages.language_of(self.obj))

    class Index(_JapaneseIndexMixin, sqlite.SQLiteIndex):
        indexer_class = Indexer

    class Backend(_JapaneseBackendMixin, sqlite.SQLiteSearchBackend):
        index_class = Index

    return Backend(params)


def _postgres_backend(params):
    from modelsearch.backends.database.postgres import postgres

    class Indexer(postgres.ObjectIndexer):
        def prepare_value(self, value):
            return languages.index_text(super().prepare_value(value), languages.language_of(self.obj))

    class Index(_JapaneseIndexMixin, postgres.PostgresIndex):
        indexer_class = Indexer

        def indexed_values(self, indexer):
            return {**super().indexed_values(indexer), "title_text": indexer.title_text, "body_text": indexer.body_text}

    class Backend(_JapaneseBackendMixin, postgres.PostgresSearchBackend):
        index_class = Index

    params = {"SEARCH_CONFIG": "simple", **params}
    return Backend(params)


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up
    if connection.vendor == "postgresql":
        return _postgres_backend(params)
    if connection.vendor == "sqlite":
        return _sqlite_backend(params)
    raise NotImplementedError(f"Japanese database search supports SQLite and PostgreSQL, not {connection.vendor}")
