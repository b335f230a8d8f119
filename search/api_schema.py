"""The site search API's part of the project's OpenAPI document (served with the directory's at /api/v1/schema/)."""

from cms.openapi import json_content, query_parameter
from search.documents import page_types
from search.forms import MAX_PAGE
from security.queries import MAX_QUERY_LENGTH


def search_api_paths():
    parameters = [
        (
            "q",
            {"type": "string", "maxLength": MAX_QUERY_LENGTH},
            "Words to find (Japanese-aware; empty: no results)",
            {"example": "子育て"},
        ),
        ("type", {"type": "array", "items": {"enum": sorted(page_types())}}, "Only these page types", {}),
        ("page", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE}, "Result page", {}),
    ]
    return {
        "/api/v1/search/": {
            "get": {
                "summary": "Search every live, public page of the site",
                "parameters": [
                    query_parameter(name, schema, text, allow_empty=name != "type", **extra)
                    for name, schema, text, extra in parameters
                ],
                "responses": {
                    "200": json_content("Results", "SearchResponse"),
                    "400": json_content("Invalid parameters, with messages per parameter", "Errors"),
                },
            }
        }
    }


SEARCH_SCHEMAS = {
    "SearchHit": {
        "type": "object",
        "additionalProperties": False,
        "required": ["title", "url", "type", "snippet"],
        "properties": {
            "title": {"type": "string"},
            "url": {"type": "string"},
            "type": {"type": "string"},
            "snippet": {"type": "string", "description": "Plain text with the matches in <mark> (HTML-escaped)"},
        },
    },
    "SearchResponse": {
        "type": "object",
        "additionalProperties": False,
        "required": ["count", "backend", "page", "num_pages", "facets", "results"],
        "properties": {
            "count": {"type": "integer", "minimum": 0},
            "backend": {"enum": ["database", "opensearch", "elasticsearch"]},
            "page": {"type": "integer", "minimum": 1},
            "num_pages": {"type": "integer", "minimum": 1},
            "facets": {
                "type": "object",
                "additionalProperties": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["key", "label", "count"],
                        "properties": {
                            "key": {"type": "string"},
                            "label": {"type": "string"},
                            "count": {"type": "integer", "minimum": 1},
                        },
                    },
                },
            },
            "results": {"type": "array", "items": {"$ref": "#/components/schemas/SearchHit"}},
        },
    },
}
