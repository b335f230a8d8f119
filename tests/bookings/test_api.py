"""The bookings JSON API: dates with places left, booking, status and cancelling by token, and its 400s."""

import json
from datetime import timedelta

import pytest

from bookings import services
from bookings.models import Booking
from home.agenda import today
from tests.bookings.conftest import TSUBASA, TSUBASA_HOST, add_program, bookable_session, family, make_hub

pytestmark = pytest.mark.django_db

OCCURRENCES = "/api/v1/programs/occurrences/"
BOOKINGS = "/api/v1/bookings/"


def post_booking(client, body, **extra):
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post(BOOKINGS, data=data, content_type="application/json", **extra)


def test_occurrences_list_places_left_and_only_bookable_dates_when_asked(client, bookable, programs_index):
    date = bookable(capacity=2)
    services.book(date, **family(1))
    add_program(programs_index, title="公園あそび")  # a program without booking, a week from now too
    every = client.get(OCCURRENCES, {"days": 10}).json()
    titles = sorted(result["title"] for result in every["results"])
    assert "公園あそび" in titles and "沐浴体験" in titles
    only = client.get(OCCURRENCES, {"days": 10, "bookable": "1"}).json()
    [result] = only["results"]
    assert result["id"] == date.key
    assert (result["capacity"], result["places_left"], result["booking_open"]) == (2, 1, True)
    assert result["url"].endswith(date.page.url) and result["booking_url"].endswith(f"/book/{date.key}/")
    assert only["count"] == 1 and only["from"] == today().isoformat()


def test_occurrences_show_a_cancelled_date_with_its_reason(client, bookable):
    date = bookable()
    services.cancel_session_date(date, "台風のため")
    [result] = client.get(OCCURRENCES, {"bookable": "true"}).json()["results"]
    assert (result["cancelled"], result["cancel_reason"], result["booking_open"]) == (True, "台風のため", False)


def test_occurrences_default_to_the_asking_hub(client, bookable, home):
    date = bookable()
    hub_home = make_hub(**TSUBASA)
    page, session = bookable_session(hub_home.get_children().get(slug="programs").specific, capacity=5)
    own = client.get(OCCURRENCES, {"bookable": "1"}, **TSUBASA_HOST).json()["results"]
    assert [result["title"] for result in own] == ["沐浴体験"] and own[0]["id"] != date.key
    assert own[0]["hub"]["slug"] == "tsubasa"
    every = client.get(OCCURRENCES, {"bookable": "1", "hub": "all"}, **TSUBASA_HOST).json()["results"]
    assert {result["hub"]["slug"] for result in every} == {"konan", "tsubasa"}


@pytest.mark.parametrize(
    "params, field",
    [
        ({"from": "2026-13-01"}, "from"),
        ({"days": "0"}, "days"),
        ({"days": "32"}, "days"),
        ({"bookable": "maybe"}, "bookable"),
        ({"hub": "nowhere"}, "hub"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_occurrences_bad_parameters_are_400_naming_them(client, home, params, field):
    response = client.get(OCCURRENCES, params)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]


def test_booking_by_json_then_status_then_cancel(client, bookable):
    date = bookable(capacity=1, waitlist_size=1)
    first = post_booking(client, {"occurrence": date.key, **family(1)})
    assert first.status_code == 201, first.content
    body = first.json()
    assert body["status"] == "confirmed" and first["Location"] == body["status_url"]
    assert first["Cache-Control"].startswith("no-store") or "no-store" in first["Cache-Control"]
    assert "家族 1" not in first.content.decode() and "family1@" not in first.content.decode()

    second = post_booking(client, {"occurrence": date.key, **family(2, child_age_months="expecting")}).json()
    assert second["status"] == "waitlisted"
    full = post_booking(client, {"occurrence": date.key, **family(3)})
    assert full.status_code == 409 and "occurrence" in full.json()["errors"]

    cancelled = client.post(body["cancel_url"])
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert client.get(second["status_url"]).json()["status"] == "confirmed"  # moved up
    assert client.post(body["cancel_url"]).json()["status"] == "cancelled"  # twice is once
    assert Booking.objects.filter(status="confirmed").count() == 1


@pytest.mark.parametrize(
    "change, fields",
    [
        ({"name": ""}, {"name"}),
        ({"name": 42}, {"name"}),
        ({"contact": "not an address"}, {"contact"}),
        ({"contact": "hanako@"}, {"contact"}),
        ({"child_age_months": -1}, {"child_age_months"}),
        ({"child_age_months": 84}, {"child_age_months"}),
        ({"child_age_months": "4"}, {"child_age_months"}),
        ({"child_age_months": True}, {"child_age_months"}),
        ({"adults": 0}, {"adults"}),
        ({"children": 9}, {"children"}),
        ({"occurrence": "1-20260101"}, {"occurrence"}),
        ({"occurrence": 5}, {"occurrence"}),
        ({"nickname": "x"}, {"nickname"}),
    ],
)
def test_bad_booking_fields_are_400_with_messages_and_nothing_is_saved(client, bookable, change, fields):
    date = bookable()
    response = post_booking(client, {"occurrence": date.key, **family(1), **change})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == fields
    assert all(messages and all(m.strip() for m in messages) for messages in response.json()["errors"].values())
    assert Booking.objects.count() == 0


@pytest.mark.parametrize("body", ["", "not json", "[1, 2]", "null", b"\xff\xfe"])
def test_a_body_that_is_not_a_json_object_is_400(client, home, body):
    response = post_booking(client, body)
    assert response.status_code == 400 and list(response.json()["errors"]) == ["body"]


def test_an_age_the_session_does_not_take_is_400_on_the_age(client, bookable):
    date = bookable(expecting_may_book=False)
    response = post_booking(client, {"occurrence": date.key, **family(1, child_age_months="expecting")})
    assert response.status_code == 400 and list(response.json()["errors"]) == ["child_age_months"]


def test_unknown_or_forged_tokens_are_404(client, bookable):
    booking = services.book(bookable(), **family(1))
    forged = f"{booking.pk + 1}:{booking.token.split(':')[1]}"
    for token in ("nothing", forged, booking.token + "x"):
        assert client.get(f"{BOOKINGS}{token}/").status_code == 404
        assert client.post(f"{BOOKINGS}{token}/cancel/").status_code == 404
    assert client.get(f"{BOOKINGS}{booking.token}/").status_code == 200


def test_a_deleted_booking_is_gone_from_the_api(client, bookable):
    booking = services.book(bookable(), **family(1))
    token = booking.token
    booking.delete()
    assert client.get(f"{BOOKINGS}{token}/").status_code == 404


def test_booking_window_closed_is_409(client, bookable):
    date = bookable(days_ahead=30, booking_opens_days=7)
    response = post_booking(client, {"occurrence": date.key, **family(1)})
    assert response.status_code == 409
    [result] = client.get(OCCURRENCES, {"bookable": "1", "days": 31}).json()["results"]
    assert result["booking_open"] is False
    assert result["booking_opens"].startswith((today() + timedelta(days=23)).isoformat())
