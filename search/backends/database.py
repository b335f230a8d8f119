"""Site search on the database: Wagtail's search (our Japanese-aware database backend) over live, public pages."""

from collections import Counter

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from home.hub_scope import below
from search import languages
from search.backends import database_directory, page_matches
from search.backends.database_languages import in_language
from search.backends.wagtail_database import build_query
from search.documents import page_text, page_type_key, page_types
from search.engine import PER_PAGE, Facet, Hit, Results
from search.snippets import highlight


class DatabaseEngine:
    name = "database"

    def _backend(self):
        return get_search_backend("default")

    def _matches(self, queryset, query, *, loose, language):
        """[(page id, content type id)] best first, of one language's strict or loose query (search.languages)."""
        built = build_query(query, loose=loose, language=language)
        return [] if built is None else page_matches.matches(self._backend(), queryset, built)

    @staticmethod
    def _specific_pages(ids_and_types):
        """The specific pages of these (id, content type id), in this order: one query per page type."""
        by_type = {}
        for pk, content_type_id in ids_and_types:
            by_type.setdefault(content_type_id, []).append(pk)
        pages = {}
        for content_type_id, pks in by_type.items():
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            pages.update(model._default_manager.in_bulk(pks))
        return [pages[pk] for pk, _ct in ids_and_types if pk in pages]

    def search(self, query, filters=None, facets=("type",), page=1, per_page=PER_PAGE, locale=None):
        """Pages in the reader's language (``locale``), then Japanese ones (search.languages)."""
        return languages.search_pages(self._search_group, query, filters, facets, page, per_page, locale)

    def _search_group(self, query, filters, facets, offset, limit, loose):
        """One language group (``filters["locale"]`` / ``["translated_to"]``), strict or loose: one full-text query
        for the type facet, the count and the page (search.backends.page_matches), then one query per page type
        on the page for the specific pages."""
        base = in_language(Page.objects.live().public(), filters["locale"], filters["translated_to"])
        if filters.get("below") is not None:
            base = base.filter(below(filters["below"]))
        types = page_types()
        selected = [t for t in filters.get("type", []) if t in types]
        found = self._matches(base, query, loose=loose, language=filters["locale"])
        facet_list = []
        if "type" in facets:
            for ct_pk, matches in Counter(ct for _pk, ct in found).items():
                model = ContentType.objects.get_for_id(ct_pk).model_class()
                if model is None:
                    continue
                key = page_type_key(model)
                facet_list.append(Facet(key, str(model._meta.verbose_name), matches, key in selected))
            facet_list.sort(key=lambda f: (-f.count, f.label))
        if selected:
            wanted = {ContentType.objects.get_for_model(types[t]).pk for t in selected}
            found = [row for row in found if row[1] in wanted]
        hits = [self._hit(p, query) for p in self._specific_pages(found[offset : offset + limit])]
        return Results(query, hits, len(found), 1, max(limit, 1), self.name, {"type": facet_list})

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
