"""Directory search on the engine: the database compiler's question (search.directory.query) as one bool query.

Per term a ``dis_max`` of three ``constant_score`` clauses (name 3, labels 2, body 1) gives the term's best tier;
the bool query sums them, so scores are the same whole numbers the database computes. Filters go in filter
context (no score), order is score / distance, then reading, then listing id, as on the database.
"""

from elasticsearch_dsl import A, Q, Search

from search import languages
from search.backends.opensearch.mappings import listing_properties
from search.directory.query import FACET_FIELDS, TIERS, ListingHits

# The alias <prefix>-directory-v5: version 2 of the mapping added the listing's hub, version 3 either its locale,
# translations and staff languages or (on another branch) the raw text analysed by the engine, version 4 both,
# version 5 ``facet_values`` (every facet in one field: search.directory.documents.facet_values). The older aliases
# lack fields the queries use, and a phrase or a term on a missing field matches nothing rather than failing.
# Until the alias exists, or when the engine refuses a query, the database answers (EngineUnavailable): run
# rebuild_search_index after upgrading; the rebuild removes the indexes of the older aliases.
INDEX = "directory-v5"
OLD_INDEXES = ("directory", "listings", "directory-v2", "directory-v3", "directory-v4")
# One terms aggregation counts every facet (keys "<facet>:<value>"); each facet keeps its FACET_SIZE most frequent
# values, in the aggregation's order (count, then value), as five aggregations of that size did. FACET_BUCKETS
# bounds the values of all facets together (the engine's default max_buckets is 65,535): a directory with more than
# 20,000 distinct categories, areas, amenities, hubs and staff languages together would lose its rarest values.
FACET_SIZE, FACET_BUCKETS = 1000, 20_000
# The database's token stream of a field = the engine's analysis of its raw text (*_text; one character: .chars)
# followed by the reading and normal-form streams computed in Python (*_tokens). A listing in another language
# than Japanese has empty *_text fields and the database's whole stream in *_tokens (documents.engine_text_fields).
SURFACE_FIELDS = {"name_tokens": "name_text", "label_tokens": "label_text", "body_tokens": "body_text"}


def _phrases(field, sequence):
    phrase = " ".join(sequence)
    surface = SURFACE_FIELDS[field]
    if len(sequence) == 1 and len(phrase) == 1 and not phrase.isascii():
        surface = f"{surface}.chars"
    return [Q("match_phrase", **{field: phrase}), Q("match_phrase", **{surface: phrase})]


def _term_clause(term):
    tiers = []
    for field, weight in TIERS:
        phrases = [phrase for sequence in term.alternatives for phrase in _phrases(field, sequence)]
        tiers.append(Q("constant_score", boost=weight, filter=Q("bool", should=phrases, minimum_should_match=1)))
    return Q("dis_max", tie_breaker=0, queries=tiers)


def _filters(query):
    clauses = [Q("match_all")]
    if query.directory_id:
        clauses.append(Q("term", directory_id=query.directory_id))
    if query.hubs:
        clauses.append(Q("terms", hub=list(query.hubs)))
    if query.categories:
        clauses.append(Q("terms", categories=list(query.categories)))
    if query.areas:
        clauses.append(Q("terms", area=list(query.areas)))
    clauses += [Q("term", amenities=key) for key in query.amenities]
    if query.age_range is not None:
        low, high = query.age_range
        clauses += [Q("range", age_low={"lte": high}), Q("range", age_high={"gte": low})]
    if query.weekday is not None:
        clauses.append(Q("term", weekdays=str(query.weekday)))
    if query.rules is not None:
        clauses.append(Q("terms", rules=list(query.rules)))
    if query.only_ids is not None:
        clauses.append(Q("terms", listing_id=list(query.only_ids)))
    if query.locales is not None:  # one language group (search.languages)
        clauses.append(Q("terms", locale=list(query.locales)))
    if query.staff_languages:
        clauses.append(Q("terms", staff_languages=list(query.staff_languages)))
    if query.origin is not None and query.radius_km:
        lat, lng = query.origin
        clauses.append(
            Q("geo_distance", distance=f"{query.radius_km}km", distance_type="arc", location={"lat": lat, "lon": lng})
        )
    return clauses


def _sort(query):
    tail = [{"reading": "asc"}, {"listing_id": "asc"}]
    if query.sort == "distance" and query.origin is not None:
        lat, lng = query.origin
        distance = {"location": {"lat": lat, "lon": lng}, "order": "asc", "unit": "m", "distance_type": "arc"}
        return [{"_geo_distance": distance}, *tail]
    if query.sort == "relevance":
        return [{"_score": "desc"}, *tail]
    return tail


def _facets(response):
    """{facet: {value: count}} from the one aggregation over ``facet_values``, each facet in the buckets' order."""
    facets = {name: {} for name in FACET_FIELDS}
    for bucket in response.get("aggregations", {}).get("facets", {}).get("buckets", []):
        name, _sep, value = bucket["key"].partition(":")
        counts = facets.get(name)  # a facet no longer asked for (an index from an older release): left out
        if counts is not None and len(counts) < FACET_SIZE:
            counts[value] = bucket["doc_count"]
    return facets


class DirectorySearch:
    """Mixed into the engine: needs the EngineClient methods."""

    # Updates go only into an index that a rebuild filled. Without one (a new installation, or a new mapping
    # version after an upgrade) an index made on the first write would hold only the listings saved since, and
    # searches would answer from it; instead they fall back to the database until rebuild_search_index runs.
    def index_listing_documents(self, docs):
        if not self._alias_exists(INDEX):
            return 0
        return self._bulk(self.alias(INDEX), [(str(d["listing_id"]), d) for d in docs], refresh=len(docs) <= 100)

    def delete_listing_documents(self, listing_ids):
        if self._alias_exists(INDEX):
            self._bulk_delete(self.alias(INDEX), listing_ids)

    def rebuild_listings(self, docs, progress=None, batch=2000):
        """Fill a new listings index and swap the alias to it (searches never see an empty index)."""
        index = self._create_index(INDEX, listing_properties, bulk=True)
        self._bulk_in_batches(index, ((str(doc["listing_id"]), doc) for doc in docs), batch, progress)
        self._finish_bulk(index)
        self._swap(INDEX, index)
        for old in OLD_INDEXES:
            self._drop_alias(old)

    def directory_search(self, query):
        """The elasticsearch-dsl Search for a DirectoryQuery."""
        must = [_term_clause(t) for t in query.terms if t.required]
        should = [_term_clause(t) for t in query.terms if not t.required]
        must_not = [Q("terms", listing_id=list(query.exclude_ids))] if query.exclude_ids else []
        if query.translated_to:
            must_not.append(Q("term", translated=query.translated_to))
        s = Search(index=self.alias(INDEX)).query(
            Q("bool", must=must, should=should, filter=_filters(query), must_not=must_not, minimum_should_match=0)
        )
        s = s.sort(*_sort(query)).extra(from_=query.offset, size=query.limit, track_total_hits=True, track_scores=True)
        if query.facets:
            s.aggs.bucket("facets", A("terms", field="facet_values", size=FACET_BUCKETS))
        return s.source(False)

    def search_directory(self, query):
        """The reader's language first, then the Japanese listings (search.languages), each group one query."""
        return languages.search_listings(self._search_directory_group, query)

    def _search_directory_group(self, query):
        response = self._query(INDEX, self.directory_search(query), missing_is_empty=False)
        hits = response["hits"]["hits"]
        return ListingHits(
            ids=[int(h["_id"]) for h in hits],
            count=response["hits"]["total"]["value"],
            facets=_facets(response) if query.facets else {},
            backend=self.name,
            scores=[int(round(h.get("_score") or 0)) for h in hits],
        )
