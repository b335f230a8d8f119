"""The site search API's part of the project's OpenAPI document (served with the directory's at /api/v1/schema/)."""

from cms.openapi import json_content, query_parameter
from home.hub_scope import hub_choices
from home.hubs import all_hubs
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
        (
            "hub",
            {"type": "array", "items": {"enum": [key for key, _label in hub_choices(all_hubs())]}},
            "Hubs to search, by key, or `all` (repeatable; default: the hub of the site asked). "
            "An unknown key is a 400.",
            {"example": ["all"]},
        ),
    ]
    return {
        "/api/v1/search/": {
            "get": {
                "summary": "Search the live, public pages of this hub, or of other hubs (`hub`)",
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
        "required": ["title", "url", "type", "snippet", "hub", "language"],
        "properties": {
            "title": {"type": "string"},
            "url": {"type": "string", "description": "Path on this hub, or the full address on another hub"},
            "type": {"type": "string"},
            "snippet": {"type": "string", "description": "Plain text with the matches in <mark> (HTML-escaped)"},
            "hub": {
                "description": "The hub the page belongs to (null for a page outside every hub)",
                "oneOf": [
                    {"type": "null"},
                    {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["slug", "name", "ward"],
                        "properties": {
                            "slug": {"type": ["string", "null"]},
                            "name": {"type": "string"},
                            "ward": {"type": "string"},
                        },
                    },
                ],
            },
            "language": {
                "type": "string",
                "description": "The page's language code: the reader's language first, then Japanese pages (ja)",
            },
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
