"""Site search on the engine: page documents, their index and the page query (the database backend's recall)."""

from elasticsearch_dsl import A, Q, Search

from search import languages
from search.backends.opensearch.mappings import page_properties
from search.documents import document_key, page_text, page_type_key, page_types
from search.engine import PER_PAGE, Facet, Hit, Results
from search.snippets import highlight


def _phrase_query(field, query_string, language="ja"):
    """The database backend's semantics as a bool query: every term, any of its variants, as a phrase."""
    musts = []
    for alternatives in languages.query_terms(query_string, language):
        options = [Q("match_phrase", **{field: " ".join(seq)}) for seq in alternatives]
        musts.append(Q("bool", should=options, minimum_should_match=1))
    return musts


class PageSearch:
    """Mixed into the engine: needs the EngineClient methods."""

    # Fields computed from the others (the token streams of title and body): index verification leaves them out.
    DERIVED_FIELDS = ("title_tokens", "tokens")

    @staticmethod
    def page_fields(page):
        """The document without its token streams; ``revision`` is the live revision's id (None without one)."""
        title, body = page_text(page)
        language = languages.language_of(page)
        return {
            "locale": language,
            "translated": languages.translations([page])[page.pk],
            "title": page.title,
            "body": body,
            "type": page_type_key(page),
            "type_label": str(page._meta.verbose_name),
            "url": page.get_url() or page.url_path,
            "path": page.path,
            "revision": page.live_revision_id,
        }, title

    @classmethod
    def page_document(cls, page):
        fields, title = cls.page_fields(page)
        fields["title_tokens"] = languages.index_text(title, fields["locale"])
        fields["tokens"] = languages.index_text(f"{title} {fields['body']}", fields["locale"])
        return fields

    @staticmethod
    def _indexable(page):
        return page.live and not page.get_view_restrictions().exists()

    def index(self, obj):
        from wagtail.models import Page

        if not isinstance(obj, Page):
            return False
        page = obj.specific
        if not self._indexable(page):
            return self.delete(page)
        alias = self._ensure("pages", page_properties)
        self._do(self.client.index, index=alias, id=document_key(page), body=self.page_document(page), refresh="true")
        return True

    def delete(self, obj):
        return self.delete_by_key(document_key(obj))

    def delete_by_key(self, key):
        from search.signals import LISTING_KEY_PREFIX

        if key.startswith(LISTING_KEY_PREFIX):
            self.delete_listing_documents([int(key[len(LISTING_KEY_PREFIX) :])])
            return True
        alias = self.alias("pages")
        if self._do(self.client.indices.exists_alias, name=alias):
            self._bulk_delete(alias, [key])
        return True

    def rebuild(self, progress=None, batch=500):
        """Fill a new pages index with every live, public page and swap the alias to it."""
        index = self._create_index("pages", page_properties, bulk=True)
        for model in page_types().values():
            pages = model.objects.live().public().exact_type(model).specific().iterator(chunk_size=batch)
            self._bulk_in_batches(index, ((document_key(p), self.page_document(p)) for p in pages), batch, progress)
        self._finish_bulk(index)
        self._swap("pages", index)

    @staticmethod
    def _scoped(s, selected_types, paths, filters=None):
        """The hub scope and the language group (search.languages) as filters (they narrow the facets too); the type
        as a post filter (it does not)."""
        if filters is not None:
            s = in_language(s, filters["locale"], filters["translated_to"])
        if paths is not None:
            s = s.filter(Q("bool", should=[Q("prefix", path=path) for path in paths], minimum_should_match=1))
        if selected_types:
            s = s.post_filter("terms", type=list(selected_types))
        s.aggs.bucket("type", A("terms", field="type", size=50))
        return s

    def page_search(self, query_string, selected_types=(), paths=None, filters=None):
        """The strict query of one language group (``filters``: search.languages; none: Japanese, every locale)."""
        language = filters["locale"] if filters else "ja"
        s = Search(index=self.alias("pages"))
        kuromoji = self.has_kuromoji()
        musts = _phrase_query("tokens", query_string, language)
        if not musts:
            return None
        boosts = [
            Q("match_phrase", title_tokens={"query": " ".join(alt[0]), "boost": 3})
            for alt in languages.query_terms(query_string, language)
        ]
        boosts += _analysed_boosts(query_string, languages.analysis(language), kuromoji)
        return self._scoped(s.query(Q("bool", must=musts, should=boosts)), selected_types, paths, filters)

    def search(self, query, filters=None, facets=("type",), page=1, per_page=PER_PAGE, locale=None):
        """Pages in the reader's language (``locale``), then Japanese ones (search.languages)."""
        return languages.search_pages(self._search_group, query, filters, facets, page, per_page, locale)

    def _search_group(self, query, filters, facets, offset, limit, loose):
        types = page_types()
        selected = [t for t in filters.get("type", []) if t in types]
        paths = filters.get("below")
        if loose:
            tokens = languages.loose_tokens(query, filters["locale"])
            s = Search().query(Q("match", tokens={"query": " ".join(tokens), "operator": "or"})) if tokens else None
            s = s and self._scoped(s, selected, paths, filters)
        else:
            s = self.page_search(query, selected, paths, filters)
        if s is None:
            return Results(query, [], 0, 1, max(limit, 1), self.name, {"type": []})
        s = s.extra(from_=offset, size=limit, track_total_hits=True).source(
            ["title", "body", "type", "type_label", "url", "path"]
        )
        response = self._query("pages", s)
        total = response["hits"]["total"]["value"]
        hits = response["hits"]["hits"]
        facet_list = []
        for bucket in response.get("aggregations", {}).get("type", {}).get("buckets", []):
            model = types.get(bucket["key"])
            label = str(model._meta.verbose_name) if model else bucket["key"]
            facet_list.append(Facet(bucket["key"], label, bucket["doc_count"], bucket["key"] in selected))
        facet_list.sort(key=lambda f: (-f.count, f.label))
        out = []
        for h in hits:
            src = h["_source"]
            page_id = int(h["_id"].rsplit(":", 1)[1])
            out.append(
                Hit(
                    page_id,
                    src["title"],
                    src["url"],
                    src["type"],
                    src.get("type_label", ""),
                    highlight(src.get("body", ""), query),
                    src.get("path", ""),
                )
            )
        return Results(query, out, total, 1, max(limit, 1), self.name, {"type": facet_list})


def _analysed_boosts(query_string, language, kuromoji):
    """Score from the engine's own analysers: cjk bigrams (Japanese, Chinese, Korean), kuromoji for Japanese, the
    English stemmer's sub-field for English. They add to the score; what matches is decided by the token fields."""
    if language == "en":
        title = Q("match", **{"title.en": {"query": query_string, "boost": 2}})
        return [title, Q("match", **{"body.en": query_string})]
    boosts = [Q("match", title={"query": query_string, "boost": 2}), Q("match", body=query_string)]
    if kuromoji and language == "ja":
        boosts.append(Q("match", **{"body.ja": query_string}))
    return boosts


def in_language(s, code, translated_to=""):
    """One language group: documents of locale ``code`` (for the default language also those indexed before
    documents had a locale), without those translated into ``translated_to``."""
    locale = Q("term", locale=code)
    if code == languages.default_language():
        locale = Q("bool", should=[locale, ~Q("exists", field="locale")], minimum_should_match=1)
    s = s.filter(locale)
    if translated_to:
        s = s.exclude("term", translated=translated_to)
    return s
