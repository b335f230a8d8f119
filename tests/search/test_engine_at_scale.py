"""What keeps the directory fast at a million listings (issue 20), without changing any answer.

* The engine counts every facet with one terms aggregation over ``facet_values``: it must give the very counts, in
  the very order, that one aggregation per facet field gave, for every question of the parity suite.
* A rebuilt index is merged into one segment before its alias moves to it.
"""

from search.backends.database import DatabaseEngine
from search.backends.opensearch.listings import INDEX
from search.backends.opensearch.mappings import listing_properties
from search.directory import query_for
from search.directory.query import FACET_FIELDS
from tests.search.test_directory_parity import CASES, MONDAY, NOW, city, pytestmark  # noqa: F401


def per_field_facets(engine, query):
    """The facets as five terms aggregations (one per field, 1,000 values each) counted them."""
    body = engine.directory_search(query).to_dict()
    body["aggs"] = {name: {"terms": {"field": field, "size": 1000}} for name, field in FACET_FIELDS.items()}
    response = engine.client.search(index=engine.alias(INDEX), body=body)["aggregations"]
    return {name: {b["key"]: b["doc_count"] for b in response[name]["buckets"]} for name in FACET_FIELDS}


def test_one_aggregation_counts_every_facet_as_one_aggregation_per_field_did(city, opensearch):  # noqa: F811
    compared = 0
    for params in CASES:
        query = query_for(params, MONDAY.date(), city, 0, 20, now=NOW)
        hits = opensearch._search_directory_group(query)
        expected = per_field_facets(opensearch, query)
        assert hits.facets == expected, params
        assert [list(values.items()) for values in hits.facets.values()] == [
            list(values.items()) for values in expected.values()
        ], params  # the same order too: most places first
        compared += sum(len(values) for values in expected.values())
    assert compared > 100


def test_every_facet_value_of_a_listing_is_in_its_engine_document(city, opensearch):  # noqa: F811
    mapping = opensearch.client.indices.get_mapping(index=opensearch.alias(INDEX))
    (properties,) = [m["mappings"]["properties"] for m in mapping.values()]
    assert properties["facet_values"] == {"type": "keyword", "eager_global_ordinals": True}
    seen = 0
    for _id, source in opensearch.scan(INDEX):
        for name, field in FACET_FIELDS.items():
            value = source.get(field)
            values = [value] if isinstance(value, str) else value or []
            assert sorted(f"{name}:{v}" for v in values if v) == sorted(
                v for v in source["facet_values"] if v.startswith(f"{name}:")
            )
        seen += 1
    assert seen >= 2000


def test_a_rebuild_merges_the_new_index_into_one_segment_before_it_serves(city, opensearch):  # noqa: F811
    docs = [source for _id, source in opensearch.scan(INDEX)]
    index = opensearch._create_index(INDEX, listing_properties, bulk=True)
    for part in (docs[: len(docs) // 2], docs[len(docs) // 2 :]):  # two refreshes: two segments
        opensearch._bulk(index, [(str(doc["listing_id"]), doc) for doc in part], refresh=True)
    assert searched_segments(opensearch, index) == [2]
    opensearch._finish_bulk(index)
    assert searched_segments(opensearch, index) == [1]
    opensearch._swap(INDEX, index)
    query = query_for({"q": "おやこ"}, MONDAY.date(), city, 0, 20, now=NOW)
    assert opensearch.search_directory(query).count == DatabaseEngine().search_directory(query).count > 0


def searched_segments(engine, index):
    shards = engine.client.indices.segments(index=index)["indices"][index]["shards"]
    return [copy["num_search_segments"] for copies in shards.values() for copy in copies]
