"""JSON API for the directory (``/api/v1/directory/``) and its OpenAPI schema (``/api/v1/schema/``)."""

from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from cms.openapi import json_content, query_parameter
from resources_directory.today import closure_json, status_json
from resources_directory.views import PRIVATE_PARAMS, no_store
from search.directory import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, InvalidSearch, search_directory
from search.directory.hubs import hub_json
from search.directory.staff import STAFF_LANGUAGES

API_PARAMS = (
    "q",
    "category",
    "area",
    "age_months",
    "weekday",
    "open_this_week",
    "open_now",
    "amenity",
    "lang_staff",
    "lat",
    "lng",
    "postal_code",
    "near_area",
    "radius_km",
    "sort",
    "hub",
    "page",
    "page_size",
)


def listing_json(item, request):
    opening = item.next_open
    return {
        "id": item.pk,
        "slug": item.slug,
        "url": request.build_absolute_uri(item.url) if item.url else None,
        "name": item.title,
        "kana": item.kana,
        "summary": item.summary,
        "categories": [category.slug for category in item.categories.all()],
        "area": item.area.slug if item.area else None,
        "hub": hub_json(getattr(item, "hub", None)),
        "address": item.address,
        "postal_code": item.postal_code,
        "lat": item.latitude,
        "lng": item.longitude,
        "distance_km": item.distance_km,
        "next_opening": {"start": opening[0].isoformat(), "end": opening[1].isoformat()} if opening else None,
        "live_status": status_json(item),
        "closure": closure_json(item),
        "min_age_months": item.min_age_months,
        "max_age_months": item.max_age_months,
        "fee": item.fee,
        "booking_required": item.booking_required,
        "amenities": item.amenities,
        "languages": item.languages,
        "phone": item.phone,
        "website": item.website,
        "organisation": item.organisation,
        "last_verified": item.last_verified.isoformat() if item.last_verified else None,
        "stale": item.is_stale,
    }


def error_response(errors):
    return no_store(JsonResponse({"errors": errors}, status=400))


def int_param(request, name, default, low, high, errors):
    raw = request.GET.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        errors[name] = [f"Enter a whole number from {low} to {high}."]
        return default
    return value


@require_GET
def directory_api(request):
    errors = {}
    unknown = sorted(set(request.GET) - set(API_PARAMS))
    for name in unknown:
        errors[name] = ["Unknown parameter."]
    page = int_param(request, "page", 1, 1, 10_000, errors)
    page_size = int_param(request, "page_size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE, errors)
    params = request.GET.copy()
    for name in ("page", "page_size", *unknown):
        params.pop(name, None)
    try:
        result = search_directory(params, page=page, page_size=page_size, now=timezone.localtime())
    except InvalidSearch as error:
        for name, messages in error.errors.items():
            errors.setdefault(name, []).extend(message["message"] for message in messages)
        return error_response(errors)
    if errors:
        return error_response(errors)

    def page_url(number):
        query = request.GET.copy()
        query["page"] = str(number)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    response = JsonResponse(
        {
            "count": result.count,
            "page": result.page,
            "num_pages": result.num_pages,
            "next": page_url(result.page + 1) if result.has_next else None,
            "previous": page_url(result.page - 1) if result.has_previous else None,
            "results": [listing_json(item, request) for item in result.items],
            "facets": result.facets,
            # The filters the words of q were read as (e.g. 授乳室 → the nursing-room amenity), as labels.
            "applied_filters": [str(label) for label in result.applied_intents],
        },
        json_dumps_params={"ensure_ascii": False},
    )
    response["X-Search-Backend"] = result.backend
    if any(name in request.GET for name in PRIVATE_PARAMS):
        no_store(response)
    return response


def nullable(kind):
    return {"type": [kind, "null"]}


LISTING_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": [
        "id",
        "slug",
        "url",
        "name",
        "kana",
        "categories",
        "area",
        "hub",
        "lat",
        "lng",
        "distance_km",
        "next_opening",
        "live_status",
        "closure",
        "amenities",
        "booking_required",
        "stale",
    ],
    "properties": {
        "id": {"type": "integer"},
        "slug": {"type": "string"},
        "url": nullable("string"),
        "name": {"type": "string"},
        "kana": {"type": "string"},
        "summary": {"type": "string"},
        "categories": {"type": "array", "items": {"type": "string"}},
        "area": nullable("string"),
        "hub": {
            "oneOf": [
                {"type": "null"},
                {
                    "type": "object",
                    "description": "The hub (地域子育て支援拠点) whose site lists the place",
                    "required": ["slug", "name", "ward"],
                    "additionalProperties": False,
                    "properties": {"slug": nullable("string"), "name": {"type": "string"}, "ward": {"type": "string"}},
                },
            ]
        },
        "address": {"type": "string"},
        "postal_code": {"type": "string"},
        "lat": {"type": ["number", "null"], "minimum": -90, "maximum": 90},
        "lng": {"type": ["number", "null"], "minimum": -180, "maximum": 180},
        "distance_km": {"type": ["number", "null"], "minimum": 0},
        "next_opening": {
            "oneOf": [
                {"type": "null"},
                {
                    "type": "object",
                    "required": ["start", "end"],
                    "additionalProperties": False,
                    "properties": {
                        "start": {"type": "string", "format": "date-time"},
                        "end": {"type": "string", "format": "date-time"},
                    },
                },
            ]
        },
        "live_status": {
            "description": "What the staff set today (shown only on that day, while the place is open by its hours)",
            "oneOf": [
                {"type": "null"},
                {
                    "type": "object",
                    "required": ["state", "note", "set_at"],
                    "additionalProperties": False,
                    "properties": {
                        "state": {"enum": ["open", "busy", "full", "closed"]},
                        "note": {"type": "string", "maxLength": 80},
                        "set_at": {"type": "string", "format": "date-time"},
                    },
                },
            ],
        },
        "closure": {
            "description": "The coming closure within 30 days (the place's own or its hub's), today's included",
            "oneOf": [
                {"type": "null"},
                {
                    "type": "object",
                    "required": ["start", "end", "note"],
                    "additionalProperties": False,
                    "properties": {
                        "start": {"type": "string", "format": "date"},
                        "end": {"type": "string", "format": "date"},
                        "note": {"type": "string"},
                    },
                },
            ],
        },
        "min_age_months": nullable("integer"),
        "max_age_months": nullable("integer"),
        "fee": {"type": "string"},
        "booking_required": {"type": "boolean"},
        "amenities": {
            "type": "array",
            "items": {"enum": ["nursing_room", "changing_table", "stroller_access", "parking", "rain_ok"]},
        },
        "languages": {"type": "string"},
        "phone": {"type": "string"},
        "website": {"type": "string"},
        "organisation": {"type": "string"},
        "last_verified": {"type": ["string", "null"], "format": "date"},
        "stale": {"type": "boolean"},
    },
}

PARAMETERS = [
    ("q", {"type": "string", "maxLength": 100}, "Keywords (all must match name, kana, summary, address or operator)"),
    ("category", {"type": "array", "items": {"type": "string"}}, "Category slugs (any of them)"),
    ("area", {"type": "array", "items": {"type": "string"}}, "Area slugs (any of them)"),
    ("age_months", {"type": "integer", "minimum": 0, "maximum": 216}, "Child's age in whole months"),
    ("weekday", {"type": "integer", "minimum": 0, "maximum": 6}, "Open on this weekday (0 = Monday)"),
    ("open_this_week", {"type": "boolean"}, "Open at least once in the next 7 days"),
    ("open_now", {"type": "boolean"}, "Open now: by its hours, no closure today, its staff have not set it closed"),
    ("amenity", {"type": "array", "items": LISTING_SCHEMA["properties"]["amenities"]["items"]}, "All of these"),
    (
        "lang_staff",
        {"type": "array", "items": {"enum": list(STAFF_LANGUAGES)}},
        "Places whose staff speak one of these languages (keys read from the listing's languages)",
    ),
    ("lat", {"type": "number", "minimum": -90, "maximum": 90}, "Origin latitude (rounded to ~100 m, not stored)"),
    ("lng", {"type": "number", "minimum": -180, "maximum": 180}, "Origin longitude (rounded, not stored)"),
    ("postal_code", {"type": "string"}, "Origin: a postal code of the ward"),
    ("near_area", {"type": "string"}, "Origin: the centre of this area (slug)"),
    ("radius_km", {"type": "number", "minimum": 0.1, "maximum": 50}, "Only places within this distance"),
    (
        "sort",
        {"enum": ["relevance", "name", "distance"]},
        "Default: relevance when q has words, else distance when an origin is given, else name (reading order)",
    ),
    (
        "hub",
        {"type": "array", "items": {"type": "string"}},
        "Hub keys (any of them), or all. Default: every hub. An unknown key is a 400 naming the parameter",
    ),
    ("page", {"type": "integer", "minimum": 1}, "Page number"),
    ("page_size", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE}, "Results per page (default 20)"),
]


def openapi_document(request=None):
    """The project's OpenAPI document: the directory API, the site search API's part from ``search`` and the
    programs and bookings API's part from ``bookings``."""
    from bookings.api_schema import BOOKING_SCHEMAS, example_occurrence_key, occurrence_paths
    from search.api_schema import SEARCH_SCHEMAS, search_api_paths

    return {
        "openapi": "3.1.0",
        "info": {"title": "kosodate-hub API: directory, site search, programs and bookings", "version": "1.3.0"},
        "paths": {
            **search_api_paths(),
            **occurrence_paths(example_occurrence_key()),
            "/api/v1/directory/": {
                "get": {
                    "summary": "Search the directory of places for families",
                    "parameters": [query_parameter(name, schema, text) for name, schema, text in PARAMETERS],
                    "responses": {
                        "200": json_content("Results", "DirectoryResponse"),
                        "400": json_content("Invalid parameters, with messages per parameter", "Errors"),
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Listing": LISTING_SCHEMA,
                "DirectoryResponse": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": [
                        "count",
                        "page",
                        "num_pages",
                        "next",
                        "previous",
                        "results",
                        "facets",
                        "applied_filters",
                    ],
                    "properties": {
                        "count": {"type": "integer", "minimum": 0},
                        "page": {"type": "integer", "minimum": 1},
                        "num_pages": {"type": "integer", "minimum": 1},
                        "next": nullable("string"),
                        "previous": nullable("string"),
                        "results": {"type": "array", "items": {"$ref": "#/components/schemas/Listing"}},
                        "facets": {
                            "type": "object",
                            "required": ["category", "area", "amenity", "hub", "lang_staff"],
                            "properties": {
                                "category": {"type": "object", "additionalProperties": {"type": "integer"}},
                                "area": {"type": "object", "additionalProperties": {"type": "integer"}},
                                "amenity": {"type": "object", "additionalProperties": {"type": "integer"}},
                                "hub": {"type": "object", "additionalProperties": {"type": "integer"}},
                                "lang_staff": {"type": "object", "additionalProperties": {"type": "integer"}},
                            },
                        },
                        "applied_filters": {
                            "type": "array",
                            "items": {"type": "string"},
                            "description": "Filters the words of q were read as (amenities, ages), as readable labels",
                        },
                    },
                },
                **SEARCH_SCHEMAS,
                **BOOKING_SCHEMAS,
                "Errors": {
                    "type": "object",
                    "required": ["errors"],
                    "properties": {
                        "errors": {
                            "type": "object",
                            "minProperties": 1,
                            "additionalProperties": {"type": "array", "minItems": 1, "items": {"type": "string"}},
                        }
                    },
                },
            }
        },
    }


@require_GET
def schema_view(request):
    document = openapi_document(request)
    document["servers"] = [{"url": request.build_absolute_uri("/")}]
    return JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 1})
