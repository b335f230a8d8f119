"""The bookings API's part of the project's OpenAPI document (served at /api/v1/schema/ with the others)."""

from datetime import timedelta

from bookings.api import MAX_DAYS
from bookings.models import MAX_ADULTS, MAX_CHILDREN, BookingStatus
from cms.openapi import json_content, query_parameter
from home.hub_scope import hub_choices
from home.hubs import all_hubs
from home.models.program_sessions import MAX_AGE_MONTHS


def nullable(kind, **extra):
    return {"type": [kind, "null"], **extra}


HUB = {
    "oneOf": [
        {"type": "null"},
        {
            "type": "object",
            "additionalProperties": False,
            "required": ["slug", "name", "ward"],
            "properties": {"slug": nullable("string"), "name": {"type": "string"}, "ward": {"type": "string"}},
        },
    ]
}
DATE_TIME = {"type": "string", "format": "date-time"}
OCCURRENCE_ID = {"type": "string", "pattern": r"^[0-9]+-[0-9]{8}$", "description": "<session id>-<YYYYMMDD>"}
TOKEN_PARAMETER = {
    "name": "token",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "pattern": r"^[0-9]+:[A-Za-z0-9_-]+$", "maxLength": 100},
    "description": "The booking's secret, from the status_url given when it was made",
}


def occurrence_paths(example_key=None):
    parameters = [
        ("from", {"type": "string", "format": "date"}, "First day (YYYY-MM-DD, Asia/Tokyo; default today)"),
        ("days", {"type": "integer", "minimum": 1, "maximum": MAX_DAYS}, "Number of days (default 14)"),
        ("bookable", {"type": "boolean"}, "Only dates families book on this site (full ones included)"),
        (
            "hub",
            {"type": "array", "items": {"enum": [key for key, _label in hub_choices(all_hubs())]}},
            "Hub keys, or `all` (repeatable; default: the hub of the site asked). An unknown key is a 400.",
        ),
    ]
    booking_example = {"name": "山田 花子", "contact": "hanako@example.jp", "child_age_months": 4}
    if example_key:
        booking_example["occurrence"] = example_key
    missing = json_content("No booking with this token (never made, or deleted after its retention period)", "Errors")
    return {
        "/api/v1/programs/occurrences/": {
            "get": {
                "summary": "Program dates of a hub (or of several), with places left for those booked on this site",
                "parameters": [query_parameter(name, schema, text) for name, schema, text in parameters],
                "responses": {
                    "200": json_content("Dates in time order", "OccurrencesResponse"),
                    "400": json_content("Invalid parameters, with messages per parameter", "Errors"),
                },
            }
        },
        "/api/v1/bookings/": {
            "post": {
                "summary": "Book a place (or a place on the waiting list when the date is full)",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/BookingRequest"},
                            "example": booking_example,
                        }
                    },
                },
                "responses": {
                    "201": json_content("Booked: confirmed or on the waiting list", "Booking"),
                    "400": json_content("Invalid fields, with messages per field", "Errors"),
                    "409": json_content("The date takes no booking now (full, not open, called off)", "Errors"),
                },
            }
        },
        "/api/v1/bookings/{token}/": {
            "get": {
                "summary": "A booking's status",
                "parameters": [TOKEN_PARAMETER],
                "responses": {"200": json_content("The booking", "Booking"), "404": missing},
            }
        },
        "/api/v1/bookings/{token}/cancel/": {
            "post": {
                "summary": "Cancel a booking (the first waiting family moves up); cancelling twice is cancelling once",
                "parameters": [TOKEN_PARAMETER],
                "responses": {"200": json_content("The cancelled booking", "Booking"), "404": missing},
            }
        },
    }


BOOKING_SCHEMAS = {
    "Occurrence": {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "title", "url", "start", "end", "hub", "cancelled", "bookable", "capacity", "places_left"],
        "properties": {
            "id": OCCURRENCE_ID,
            "title": {"type": "string"},
            "url": nullable("string", description="The program page"),
            "start": DATE_TIME,
            "end": DATE_TIME,
            "hub": HUB,
            "place": {"type": "string"},
            "cancelled": {"type": "boolean", "description": "The hub called this date off"},
            "cancel_reason": nullable("string"),
            "bookable": {"type": "boolean", "description": "Families book this date on this site"},
            "capacity": nullable("integer", minimum=1),
            "places_left": nullable("integer", minimum=0),
            "waiting_places_left": nullable("integer", minimum=0),
            "booking_open": {"type": "boolean", "description": "The booking window is open now"},
            "booking_opens": nullable("string", format="date-time"),
            "booking_url": nullable("string", description="The booking form on the program's hub"),
        },
    },
    "OccurrencesResponse": {
        "type": "object",
        "additionalProperties": False,
        "required": ["count", "from", "days", "results"],
        "properties": {
            "count": {"type": "integer", "minimum": 0},
            "from": {"type": "string", "format": "date"},
            "days": {"type": "integer", "minimum": 1, "maximum": MAX_DAYS},
            "results": {"type": "array", "items": {"$ref": "#/components/schemas/Occurrence"}},
        },
    },
    "BookingRequest": {
        "type": "object",
        "additionalProperties": False,
        "required": ["occurrence", "name", "contact", "child_age_months"],
        "properties": {
            "occurrence": OCCURRENCE_ID,
            "name": {"type": "string", "minLength": 1, "maxLength": 60},
            "contact": {"type": "string", "maxLength": 120, "description": "An e-mail address or a phone number"},
            "child_age_months": {
                "oneOf": [{"type": "integer", "minimum": 0, "maximum": MAX_AGE_MONTHS}, {"const": "expecting"}],
                "description": "The child's age in whole months, or `expecting` (妊娠中)",
            },
            "adults": {"type": "integer", "minimum": 1, "maximum": MAX_ADULTS, "default": 1},
            "children": {"type": "integer", "minimum": 0, "maximum": MAX_CHILDREN, "default": 1},
        },
    },
    "Booking": {
        "type": "object",
        "additionalProperties": False,
        "required": ["status", "occurrence", "title", "start", "end", "status_url", "cancel_url", "page_url"],
        "properties": {
            "status": {"enum": list(BookingStatus.values)},
            "occurrence": nullable("string"),
            "title": {"type": "string"},
            "url": nullable("string"),
            "start": DATE_TIME,
            "end": DATE_TIME,
            "cancelled_by_hub": {"type": "boolean"},
            "cancel_reason": nullable("string"),
            "status_url": {"type": "string", "description": "GET: this status (keep it: it is the only key)"},
            "cancel_url": {"type": "string", "description": "POST: cancel the booking"},
            "page_url": {"type": "string", "description": "The same booking as a web page, with a cancel button"},
        },
    },
}


def example_occurrence_key():
    """A date families can book now, for the schema's example (so generated requests can also succeed)."""
    from bookings.availability import attach_places
    from home.agenda import attach_pages, find_occurrences, today

    occurrences = attach_places(attach_pages(find_occurrences(today(), today() + timedelta(days=MAX_DAYS))))
    dates = [occurrence.bookable for occurrence in occurrences if occurrence.bookable is not None]
    return next((date.key for date in dates if date.is_open() and not date.full), None)
