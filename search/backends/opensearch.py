"""Scale-out engine: OpenSearch 2/3 (opensearch-py) or Elasticsearch 8 (elasticsearch-py).

Every query is an elasticsearch-dsl ``Search`` object; the matching client executes ``body=search.to_dict()``.
Two aliases, ``<prefix>-pages`` and ``<prefix>-listings``, point at concrete indexes
``<alias>-<timestamp>``; ``rebuild()`` fills a new index and swaps the alias in one atomic call (no downtime).

Recall is the same as the database backend's: each document carries our Japanese token stream
(:func:`search.japanese.index_text`) in ``tokens`` (whitespace analyzer), matched with the same phrases.
Kuromoji (reading forms) and the ``cjk`` bigram analyzer add to the score through ``title.ja``/``body.ja`` and
``*.cjk``; kuromoji is used only where the plugin is installed.
"""

import logging
import time

from django.conf import settings
from elasticsearch_dsl import A, Q, Search

from search import japanese
from search.documents import LISTING_FACETS, document_key, page_text, page_type_key, page_types
from search.engine import PER_PAGE, EngineUnavailable, Facet, Hit, Results
from search.snippets import highlight

logger = logging.getLogger("search")


def _analysis(kuromoji):
    analyzers = {
        "tokens": {"type": "custom", "tokenizer": "whitespace"},
        "ja_cjk": {"type": "custom", "tokenizer": "standard", "filter": ["cjk_width", "lowercase", "cjk_bigram"]},
    }
    if kuromoji:
        analyzers["ja_kuromoji"] = {
            "type": "custom",
            "tokenizer": "kuromoji_tokenizer",
            "char_filter": [],
            "filter": ["kuromoji_baseform", "cjk_width", "lowercase", "kuromoji_readingform_hira"],
        }
    return {
        "analysis": {
            "analyzer": analyzers,
            "filter": {"kuromoji_readingform_hira": {"type": "kuromoji_readingform", "use_romaji": False}}
            if kuromoji
            else {},
        },
        "number_of_shards": 1,
        "number_of_replicas": 0,
    }


def _text_field(kuromoji):
    fields = {"cjk": {"type": "text", "analyzer": "ja_cjk"}}
    if kuromoji:
        fields["ja"] = {"type": "text", "analyzer": "ja_kuromoji"}
    return {"type": "text", "analyzer": "ja_cjk", "fields": fields}


PAGE_PROPERTIES = {
    "type": {"type": "keyword"},
    "type_label": {"type": "keyword", "index": False},
    "url": {"type": "keyword", "index": False},
    "title_tokens": {"type": "text", "analyzer": "tokens"},
    "tokens": {"type": "text", "analyzer": "tokens"},
}
LISTING_PROPERTIES = {
    "listing_id": {"type": "keyword"},
    "category": {"type": "keyword"},
    "area": {"type": "keyword"},
    "weekdays": {"type": "keyword"},
    "location": {"type": "geo_point"},
    "age_min_months": {"type": "integer"},
    "age_max_months": {"type": "integer"},
    "url": {"type": "keyword", "index": False},
    "tokens": {"type": "text", "analyzer": "tokens"},
}


def _phrase_query(field, query_string):
    """The database backend's semantics as a bool query: every term, any of its variants, as a phrase."""
    musts = []
    for alternatives in japanese.query_terms(query_string):
        options = [Q("match_phrase", **{field: " ".join(seq)}) for seq in alternatives]
        musts.append(Q("bool", should=options, minimum_should_match=1))
    return musts


class OpenSearchEngine:
    name = "opensearch"

    def __init__(self, url, kind="opensearch", timeout=1.0, prefix="kosodate"):
        self.url, self.kind, self.timeout, self.prefix = url, kind, timeout, prefix
        self.name = kind
        self._client = None
        self._search_client = None
        self._kuromoji = None

    @classmethod
    def from_settings(cls):
        return cls(
            settings.SEARCH_ENGINE_URL,
            kind=getattr(settings, "SEARCH_ENGINE_KIND", "opensearch"),
            timeout=getattr(settings, "SEARCH_ENGINE_TIMEOUT", 1.0),
            prefix=getattr(settings, "SEARCH_ENGINE_INDEX_PREFIX", "kosodate"),
        )

    # --- client -------------------------------------------------------------------------------------------------

    def _make_client(self, timeout):
        if self.kind == "elasticsearch":
            from elasticsearch import Elasticsearch

            return Elasticsearch(self.url, request_timeout=timeout, max_retries=0)
        from opensearchpy import OpenSearch

        return OpenSearch([self.url], timeout=timeout, max_retries=0, retry_on_timeout=False)

    @property
    def search_client(self):
        """Queries: SEARCH_ENGINE_TIMEOUT (≤ 1 s), then the database answers."""
        if self._search_client is None:
            self._search_client = self._make_client(self.timeout)
        return self._search_client

    @property
    def client(self):
        """Index writes and administration: a longer timeout (they run in tasks and commands, not in requests)."""
        if self._client is None:
            self._client = self._make_client(max(self.timeout, 30.0))
        return self._client

    def _errors(self):
        errors = [ConnectionError, TimeoutError, OSError]
        if self.kind == "elasticsearch":
            import elastic_transport
            from elasticsearch import exceptions as es_exc

            errors += [elastic_transport.TransportError, es_exc.ConnectionError, es_exc.ConnectionTimeout]
        else:
            from opensearchpy import exceptions as os_exc

            errors += [os_exc.ConnectionError, os_exc.ConnectionTimeout]
        return tuple(errors)

    def _do(self, fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except self._errors() as exc:
            raise EngineUnavailable(f"{type(exc).__name__}: {exc}") from exc

    def _query(self, what, search):
        """Run an elasticsearch-dsl Search on the alias with the short timeout; a missing index is an empty answer."""
        return self._do(
            self.search_client.search, index=self.alias(what), body=search.to_dict(), ignore_unavailable=True
        )

    def alias(self, what):
        return f"{self.prefix}-{what}"

    def has_kuromoji(self):
        if self._kuromoji is None:
            plugins = self._do(self.search_client.cat.plugins, format="json")
            self._kuromoji = any("kuromoji" in (p.get("component") or "") for p in plugins)
        return self._kuromoji

    def ping(self):
        try:
            return bool(self._do(self.client.cluster.health))
        except EngineUnavailable:
            return False

    # --- indexes and aliases ------------------------------------------------------------------------------------

    def _create_index(self, what, properties):
        name = f"{self.alias(what)}-{time.strftime('%Y%m%d%H%M%S')}-{int(time.time() * 1000) % 1000:03d}"
        kuromoji = self.has_kuromoji()
        props = {**properties, "title": _text_field(kuromoji)}
        if what == "pages":
            props["body"] = _text_field(kuromoji)
        else:
            props["text"] = _text_field(kuromoji)
        self._do(
            self.client.indices.create,
            index=name,
            body={"settings": _analysis(kuromoji), "mappings": {"properties": props}},
        )
        return name

    def _ensure(self, what, properties):
        alias = self.alias(what)
        if not self._do(self.client.indices.exists_alias, name=alias):
            name = self._create_index(what, properties)
            self._do(self.client.indices.put_alias, index=name, name=alias)
        return alias

    def _swap(self, what, new_index):
        alias = self.alias(what)
        actions = [{"add": {"index": new_index, "alias": alias}}]
        old = []
        if self._do(self.client.indices.exists_alias, name=alias):
            old = list(self._do(self.client.indices.get_alias, name=alias).keys())
            actions = [{"remove": {"index": i, "alias": alias}} for i in old] + actions
        self._do(self.client.indices.update_aliases, body={"actions": actions})
        for index in old:
            self._do(self.client.indices.delete, index=index)

    def _bulk(self, index, docs, refresh=False):
        lines = []
        for doc_id, doc in docs:
            lines.append({"index": {"_index": index, "_id": doc_id}})
            lines.append(doc)
        if lines:
            result = self._do(self.client.bulk, body=lines, refresh="true" if refresh else "false")
            if result.get("errors"):
                raise RuntimeError(f"bulk indexing failed: {result['items'][:1]}")
        return len(docs)

    # --- pages --------------------------------------------------------------------------------------------------

    @staticmethod
    def page_document(page):
        title, body = page_text(page)
        return {
            "title": page.title,
            "body": body,
            "type": page_type_key(page),
            "type_label": str(page._meta.verbose_name),
            "url": page.get_url() or page.url_path,
            "title_tokens": japanese.index_text(title),
            "tokens": japanese.index_text(f"{title} {body}"),
        }

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
        alias = self._ensure("pages", PAGE_PROPERTIES)
        self._do(self.client.index, index=alias, id=document_key(page), body=self.page_document(page), refresh="true")
        return True

    def delete(self, obj):
        return self.delete_by_key(document_key(obj))

    def delete_by_key(self, key):
        for what in ("pages", "listings"):
            alias = self.alias(what)
            if self._do(self.client.indices.exists_alias, name=alias):
                self._do(
                    self.client.delete_by_query, index=alias, body={"query": {"ids": {"values": [key]}}}, refresh=True
                )
        return True

    def rebuild(self, progress=None, batch=500):
        """Fill a new pages index with every live, public page and swap the alias to it."""
        index = self._create_index("pages", PAGE_PROPERTIES)
        for model in page_types().values():
            pages = model.objects.live().public().exact_type(model).specific().iterator(chunk_size=batch)
            docs = []
            for page in pages:
                docs.append((document_key(page), self.page_document(page)))
                if len(docs) >= batch:
                    self._bulk(index, docs)
                    if progress:
                        progress(len(docs))
                    docs = []
            self._bulk(index, docs)
            if progress and docs:
                progress(len(docs))
        self._do(self.client.indices.refresh, index=index)
        self._swap("pages", index)

    def page_search(self, query_string, selected_types=()):
        s = Search(index=self.alias("pages"))
        kuromoji = self.has_kuromoji()
        musts = _phrase_query("tokens", query_string)
        if not musts:
            return None
        boosts = [
            Q("match_phrase", title_tokens={"query": " ".join(alt[0]), "boost": 3})
            for alt in japanese.query_terms(query_string)
        ]
        boosts.append(Q("match", title={"query": query_string, "boost": 2}))
        boosts.append(Q("match", body=query_string))
        if kuromoji:
            boosts.append(Q("match", **{"body.ja": query_string}))
        s = s.query(Q("bool", must=musts, should=boosts))
        if selected_types:
            s = s.post_filter("terms", type=list(selected_types))
        s.aggs.bucket("type", A("terms", field="type", size=50))
        return s

    def search(self, query, filters=None, facets=("type",), page=1, per_page=PER_PAGE):
        filters = filters or {}
        types = page_types()
        selected = [t for t in filters.get("type", []) if t in types]
        s = self.page_search(query, selected)
        if s is None:
            return Results(query, [], 0, page, per_page, self.name, {"type": []})
        start = (page - 1) * per_page
        s = s.extra(from_=start, size=per_page, track_total_hits=True).source(
            ["title", "body", "type", "type_label", "url"]
        )
        response = self._query("pages", s)
        total = response["hits"]["total"]["value"]
        hits = response["hits"]["hits"]
        if total == 0:
            loose = japanese.loose_tokens(query)
            if loose:
                s2 = Search().query(Q("match", tokens={"query": " ".join(loose), "operator": "or"}))
                if selected:
                    s2 = s2.post_filter("terms", type=selected)
                s2.aggs.bucket("type", A("terms", field="type", size=50))
                s2 = s2.extra(from_=start, size=per_page, track_total_hits=True)
                response = self._query("pages", s2)
                total, hits = response["hits"]["total"]["value"], response["hits"]["hits"]
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
                )
            )
        return Results(query, out, total, page, per_page, self.name, {"type": facet_list})

    # --- listings (the directory's generic document) -------------------------------------------------------------

    @staticmethod
    def listing_document(doc):
        lat, lon = doc.get("location") or (None, None)
        out = {
            "listing_id": str(doc["id"]),
            "title": doc.get("title", ""),
            "text": doc.get("text", ""),
            "category": doc.get("category") or None,
            "area": doc.get("area") or None,
            "weekdays": list(doc.get("weekdays") or []),
            "age_min_months": doc.get("age_min_months"),
            "age_max_months": doc.get("age_max_months"),
            "url": doc.get("url", ""),
            "tokens": japanese.index_text(f"{doc.get('title', '')} {doc.get('text', '')}"),
        }
        if lat is not None and lon is not None:
            out["location"] = {"lat": float(lat), "lon": float(lon)}
        return out

    def index_listings(self, docs, refresh=True):
        alias = self._ensure("listings", LISTING_PROPERTIES)
        return self._bulk(alias, [(str(d["id"]), self.listing_document(d)) for d in docs], refresh=refresh)

    def rebuild_listings(self, docs, progress=None, batch=2000):
        index = self._create_index("listings", LISTING_PROPERTIES)
        chunk = []
        for d in docs:
            chunk.append((str(d["id"]), self.listing_document(d)))
            if len(chunk) >= batch:
                self._bulk(index, chunk)
                if progress:
                    progress(len(chunk))
                chunk = []
        self._bulk(index, chunk)
        self._do(self.client.indices.refresh, index=index)
        self._swap("listings", index)

    def delete_listing(self, listing_id):
        alias = self._ensure("listings", LISTING_PROPERTIES)
        self._do(
            self.client.delete_by_query,
            index=alias,
            body={"query": {"ids": {"values": [str(listing_id)]}}},
            refresh=True,
        )

    def listing_search(self, query="", filters=None, near=None, within_km=None, facets=LISTING_FACETS):
        filters = filters or {}
        s = Search(index=self.alias("listings"))
        musts = _phrase_query("tokens", query) if query else []
        filter_clauses = []
        for name in LISTING_FACETS:
            values = filters.get(name)
            if values:
                filter_clauses.append(Q("terms", **{name: list(values)}))
        age = filters.get("age_months")
        if age is not None:
            filter_clauses.append(Q("range", age_min_months={"lte": age}))
            filter_clauses.append(Q("range", age_max_months={"gte": age}))
        if near is not None and within_km is not None:
            filter_clauses.append(
                Q("geo_distance", distance=f"{within_km}km", location={"lat": near[0], "lon": near[1]})
            )
        s = s.query(Q("bool", must=musts or [Q("match_all")], filter=filter_clauses))
        if near is not None:
            s = s.sort(
                {
                    "_geo_distance": {
                        "location": {"lat": near[0], "lon": near[1]},
                        "order": "asc",
                        "unit": "km",
                        "distance_type": "arc",
                    }
                },
                {"listing_id": "asc"},
            )
        else:
            s = s.sort({"listing_id": "asc"})
        for name in facets:
            s.aggs.bucket(name, A("terms", field=name, size=100))
        return s

    def search_listings(
        self, query="", filters=None, near=None, within_km=None, facets=LISTING_FACETS, page=1, per_page=20
    ):
        """See docs/search.md: {count, backend, ids, distances_km, facets}."""
        s = self.listing_search(query, filters, near, within_km, facets)
        s = s.extra(from_=(page - 1) * per_page, size=per_page, track_total_hits=True).source(False)
        response = self._query("listings", s)
        ids, distances = [], []
        for h in response["hits"]["hits"]:
            ids.append(h["_id"])
            distances.append(h["sort"][0] if near is not None and h.get("sort") else None)
        facet_counts = {
            name: {b["key"]: b["doc_count"] for b in response.get("aggregations", {}).get(name, {}).get("buckets", [])}
            for name in facets
        }
        return {
            "count": response["hits"]["total"]["value"],
            "backend": self.name,
            "ids": ids,
            "distances_km": distances,
            "facets": facet_counts,
        }
