"""Site search on the database: Wagtail's search (our Japanese-aware database backend) over live, public pages."""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import CharField, Count
from django.db.models.functions import Cast
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from home.hub_scope import below
from search import languages
from search.backends import database_directory
from search.backends.database_languages import in_language
from search.backends.wagtail_database import build_query
from search.documents import page_text, page_type_key, page_types
from search.engine import PER_PAGE, Facet, Hit, Results
from search.snippets import highlight


class DatabaseEngine:
    name = "database"

    def _backend(self):
        return get_search_backend("default")

    def _search(self, queryset, query, order_by_relevance=True):
        """``query``: a Wagtail query object (one language's, strict or loose: search.languages decides)."""
        return self._backend().search(query, queryset, order_by_relevance=order_by_relevance)

    def _type_counts(self, queryset, query):
        """(matches per content type id, the results they came from) of a query object.

        The counts double as the total, so the search runs no separate COUNT.
        """
        results = self._backend().search(query, queryset, order_by_relevance=False)
        # A query with nothing searchable left (e.g. only quotes) gives Wagtail's EmptySearchResults.
        matches = results.get_queryset() if hasattr(results, "get_queryset") else queryset.none()
        counts = dict(
            matches.order_by().values_list("content_type").annotate(n=Count("pk")).values_list("content_type", "n")
        )
        return counts, results

    def _page_of_hits(self, queryset, query, start, stop, results=None, count=None):
        """(count, pages of one result page in relevance order); ``results`` and ``count``: a search already run.

        On SQLite, Wagtail orders by relevance through a correlated subquery that re-runs the FTS match per matching
        row (seconds for a common word at 2k pages); we rank once, in one FTS query with Wagtail's own score, sliced,
        then fetch the pages.
        """
        if results is None:
            results = self._search(queryset, query, order_by_relevance=False)
        if count is None:
            count = results.count()
        if stop <= start:
            return count, []
        if connection.vendor != "sqlite" or count == 0:
            ranked = self._search(queryset, query)
            return count, list(ranked[start:stop])
        from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
        from modelsearch.backends.database.sqlite.sqlite import SQLiteFTSIndexEntry
        from modelsearch.utils import get_descendants_content_types_pks

        compiler = results.query_compiler
        search_query = compiler.build_search_query(normalize(compiler.query), config=None)
        match = MatchExpression(compiler.fields or compiler.FTS_TABLE_FIELDS, search_query)
        rank = compiler._build_rank_expression(compiler.get_search_vectors(), None)
        allowed = queryset.order_by().annotate(oid=Cast("pk", CharField())).values("oid")
        ids = list(
            SQLiteFTSIndexEntry.objects.filter(match)
            .filter(index_entry__content_type__in=get_descendants_content_types_pks(Page))
            .filter(index_entry__object_id__in=allowed)
            .annotate(score=rank)
            .order_by("score", "-index_entry__object_id")
            .values_list("index_entry__object_id", flat=True)[start:stop]
        )
        pages = queryset.in_bulk([int(i) for i in ids])
        return count, [pages[int(i)] for i in ids if int(i) in pages]

    def search(self, query, filters=None, facets=("type",), page=1, per_page=PER_PAGE, locale=None):
        """Pages in the reader's language (``locale``), then Japanese ones (search.languages)."""
        return languages.search_pages(self._search_group, query, filters, facets, page, per_page, locale)

    def _search_group(self, query, filters, facets, offset, limit, loose):
        """One language group: ``filters["locale"]`` / ``["translated_to"]`` (search.languages), strict or loose."""
        built = build_query(query, loose=loose, language=filters["locale"])
        if built is None:
            return Results(query, [], 0, 1, max(limit, 1), self.name, {"type": []})
        query_string, query = query, built
        base = in_language(Page.objects.live().public(), filters["locale"], filters["translated_to"])
        if filters.get("below") is not None:
            base = base.filter(below(filters["below"]))
        types = page_types()
        selected = [t for t in filters.get("type", []) if t in types]
        facet_list, results, count = [], None, None
        if "type" in facets:
            counts, results = self._type_counts(base, query)
            count = sum(counts.values())
            cts = ContentType.objects.in_bulk([pk for pk in counts if pk])
            for ct_pk, matches in counts.items():
                ct = cts.get(ct_pk)
                model = ct and ct.model_class()
                if model is None:
                    continue
                key = page_type_key(model)
                facet_list.append(Facet(key, str(model._meta.verbose_name), matches, key in selected))
            facet_list.sort(key=lambda f: (-f.count, f.label))
        queryset = base
        if selected:
            queryset = queryset.filter(content_type__in=[ContentType.objects.get_for_model(types[t]) for t in selected])
            results = count = None  # another set of pages: search it again
        count, pages = self._page_of_hits(queryset.specific(), query, offset, offset + limit, results, count)
        hits = [self._hit(p, query_string) for p in pages]
        return Results(query_string, hits, count, 1, max(limit, 1), self.name, {"type": facet_list})

    def _hit(self, page, query):
        _title, body = page_text(page)
        text = page.search_description or body
        return Hit(
            page.pk,
            page.title,
            page.get_url() or page.url_path,
            page_type_key(page),
            str(page._meta.verbose_name),
            highlight(text, query),
            page.path,
        )

    # The database index follows Wagtail's own signal handlers; these exist for the common interface.
    def index(self, obj):
        self._backend().add(obj)
        return True

    def delete(self, obj):
        self._backend().delete(obj)
        return True

    def rebuild(self, progress=None):
        import io

        from django.core.management import call_command

        from search.directory import documents

        call_command("update_index", backend_name="default", stdout=io.StringIO())
        documents.rebuild()

    def search_directory(self, query):
        """A DirectoryQuery answered from the ListingDocument table (search.backends.database_directory), the
        reader's language first (search.languages)."""
        return languages.search_listings(lambda one: database_directory.search_directory(one, self.name), query)
