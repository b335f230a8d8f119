import jsonschema
import pytest
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from resources_directory.api import openapi_document


def validator_for(schema_name):
    document = openapi_document()
    registry = Registry().with_resource("urn:directory-api", DRAFT202012.create_resource(document))
    schema = {"$ref": f"urn:directory-api#/components/schemas/{schema_name}"}
    return jsonschema.Draft202012Validator(
        schema, registry=registry, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def test_schema_is_served_and_is_valid_openapi_json_schema(client, db):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.1")
    for schema in document["components"]["schemas"].values():
        jsonschema.Draft202012Validator.check_schema(schema)
    names = {p["name"] for p in document["paths"]["/api/v1/directory/"]["get"]["parameters"]}
    assert {
        "q",
        "category",
        "area",
        "age_months",
        "weekday",
        "amenity",
        "lat",
        "lng",
        "radius_km",
        "sort",
        "page",
    } <= names
    search = {p["name"] for p in document["paths"]["/api/v1/search/"]["get"]["parameters"]}
    assert search == {"q", "type", "page", "hub"}


VALID_QUERIES = [
    "",
    "?lat=35.3701&lng=139.5869",
    "?postal_code=234-0054&radius_km=1.5&sort=distance",
    "?age_months=12&weekday=0",
    "?q=公園&amenity=parking",
    "?page_size=1&page=2",
    "?category=salon&area=hino&open_this_week=true",
    "?q=授乳室",
]


def test_responses_validate_against_the_served_schema(client, places):
    validator = validator_for("DirectoryResponse")
    for query in VALID_QUERIES:
        response = client.get(f"/api/v1/directory/{query}")
        assert response.status_code == 200, (query, response.content)
        validator.validate(response.json())


def test_results_carry_distance_and_facets(client, places):
    data = client.get("/api/v1/directory/?lat=35.3701&lng=139.5869").json()
    assert [r["slug"] for r in data["results"]] == ["near", "middle", "far", "nowhere"]
    assert data["results"][0]["distance_km"] == pytest.approx(0.06, abs=0.01)  # from the rounded origin
    assert data["results"][0]["categories"] == ["salon"]
    assert data["facets"]["area"] == {"hino": 2, "konandai": 1}
    assert data["count"] == 4


def test_pagination_links(client, places):
    data = client.get("/api/v1/directory/?page_size=3").json()
    assert data["num_pages"] == 2 and data["previous"] is None and "page=2" in data["next"]
    second = client.get("/api/v1/directory/?page_size=3&page=2").json()
    assert len(second["results"]) == 1 and second["next"] is None


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?age_months=abc", "age_months"),
        ("?age_months=999", "age_months"),
        ("?lat=35.3", "lng"),
        ("?lat=x&lng=y", "lat"),
        ("?radius_km=3", "radius_km"),
        ("?radius_km=0&lat=35&lng=139", "radius_km"),
        ("?sort=distance", "sort"),
        ("?weekday=9", "weekday"),
        ("?amenity=pool", "amenity"),
        ("?category=unknown", "category"),
        ("?page=0", "page"),
        ("?page=abc", "page"),
        ("?page_size=1000", "page_size"),
        ("?birth_date=2026-01-01", "birth_date"),
        ("?open_this_week=maybe", "open_this_week"),
    ],
)
def test_bad_parameters_give_400_with_a_message_for_the_field(client, db, query, field):
    response = client.get(f"/api/v1/directory/{query}")
    assert response.status_code == 400
    body = response.json()
    validator_for("Errors").validate(body)
    assert field in body["errors"] and body["errors"][field][0]


def test_responses_using_a_location_are_not_cached(client, places):
    assert "no-store" in client.get("/api/v1/directory/?lat=35.37&lng=139.58")["Cache-Control"]


def test_words_read_as_filters_are_named_in_applied_filters(client, places):
    from django.utils import translation

    with translation.override("ja"):
        data = client.get("/api/v1/directory/", {"q": "じゅにゅうしつ"}).json()
    assert data["applied_filters"] == ["授乳室"]
    assert client.get("/api/v1/directory/").json()["applied_filters"] == []
