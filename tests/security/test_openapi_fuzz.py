"""Schemathesis against the project's own OpenAPI 3.1 schema (``/api/v1/schema/``), through the WSGI app.

Every operation in the served schema gets schema-valid (positive) and schema-violating (negative) requests from a
fixed seed. Checks: never a 5xx; status codes and JSON bodies match the schema (schemathesis' own checks); a 400
names at least one parameter with a message. The request count is printed (``pytest -s``) and asserted.
"""

import os
import time

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from resources_directory.factories import AreaFactory, CategoryFactory, ListingPageFactory
from resources_directory.models import DirectoryPage

# 5,000 requests in all, shared by the six operations (directory, site search, program dates, booking, a booking's
# status and cancelling) and the two generation modes. FUZZ_REQUESTS=400 for a quick local run.
REQUESTS = int(os.environ.get("FUZZ_REQUESTS", 5_000))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,  # a request that breaks the schema gets a 4xx, not a 200
]
FUZZ = settings(
    deadline=None,
    derandomize=True,  # the same requests on every run, so CI is reproducible
    database=None,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: a failure shows the generated request as it was
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def directory_data(home):
    """A few listings so that the API also answers with non-empty pages, facets, distances and opening times."""
    parent = DirectoryPage.objects.first()
    categories = [CategoryFactory(slug="salon", name="サロン"), CategoryFactory(slug="park", name="公園")]
    areas = [AreaFactory(slug="kita", name="北"), AreaFactory(slug="minami", name="南")]
    for number in range(6):
        ListingPageFactory(
            parent=parent,
            area=areas[number % 2],
            categories=categories[: number % 3],
            hours=[(number % 7, 0, "10:00", "12:00")],
            min_age_months=number * 6 if number % 2 else None,
            max_age_months=36 + number if number % 3 else None,
            nursing_room=bool(number % 2),
        )


@pytest.fixture
def booking_data(home):
    """A program with a bookable date (the schema's example names it), so bookings can also succeed."""
    from tests.bookings.conftest import bookable_session

    bookable_session(home.get_children().get(slug="programs").specific, capacity=3, waitlist_size=3)


@pytest.fixture
def api_schema(directory_data, booking_data):
    # The real WSGI handler closes the database connection around each request (request_started/finished), which
    # would end the test transaction; Django's test client disconnects the same receiver while it runs.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


def has_field_messages(body):
    errors = body.get("errors") if isinstance(body, dict) else None
    return bool(errors) and all(
        isinstance(messages, list) and messages and all(isinstance(m, str) and m.strip() for m in messages)
        for messages in errors.values()
    )


def fuzz(operation, mode, statuses, examples):
    """Send ``examples`` generated requests for one operation and mode; return how many were sent."""
    sent = 0

    @settings(FUZZ, max_examples=examples)
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        nonlocal sent
        response = case.call()
        sent += 1
        non_empty = response.status_code in (200, 201) and bool(response.json().get("results", True))
        key = f"{operation.label}: {response.status_code}{' with results' if non_empty else ''}"
        statuses[key] = statuses.get(key, 0) + 1
        case.validate_response(response, checks=CHECKS)
        if response.status_code == 400:
            assert has_field_messages(response.json()), (case.query, response.text)

    run()
    return sent


@pytest.mark.django_db
def test_every_operation_survives_generated_requests(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert {op.label for op in operations} == {
        "GET /api/v1/directory/",
        "GET /api/v1/search/",
        "GET /api/v1/programs/occurrences/",
        "POST /api/v1/bookings/",
        "GET /api/v1/bookings/{token}/",
        "POST /api/v1/bookings/{token}/cancel/",
    }
    examples = REQUESTS // (len(operations) * len(GenerationMode))
    started = time.monotonic()
    statuses = {}
    counts = {
        f"{op.label} [{mode.value}]": fuzz(op, mode, statuses, examples) for op in operations for mode in GenerationMode
    }
    elapsed = time.monotonic() - started
    total = sum(counts.values())
    print(f"\nschemathesis: {total} requests in {elapsed:.1f} s: {counts}; responses: {statuses}")
    assert total >= examples * len(operations) * len(GenerationMode)
    for label in ("GET /api/v1/directory/", "GET /api/v1/search/", "GET /api/v1/programs/occurrences/"):
        assert statuses.get(f"{label}: 200 with results"), label  # the fixture data is found
    assert statuses.get("POST /api/v1/bookings/: 201 with results"), statuses  # the schema's example books
