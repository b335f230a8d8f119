"""A hub-wide closure (「警報のため本日休館」) on a day with bookings: the families are told and nobody can book."""

import json

import pytest
from django.core import mail

from bookings import services
from bookings.models import Booking
from home.hubs import hub_for_page
from resources_directory.models import HubClosure
from tests.bookings.conftest import family

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_hub_closure_calls_off_booked_dates_and_tells_the_families(bookable, home):
    date = bookable(capacity=1, waitlist_size=1)
    services.book(date, **family(1))
    services.book(date, **family(2))
    untouched = bookable(days_ahead=9)
    services.book(untouched, **family(3))
    mail.outbox.clear()

    day = date.start.date()
    HubClosure.objects.create(hub=hub_for_page(home), start_date=day, end_date=day, reason="警報のため本日休館")

    assert sorted(Booking.objects.filter(status="cancelled").values_list("name", flat=True)) == ["家族 1", "家族 2"]
    assert Booking.objects.get(name="家族 3").status == "confirmed"  # another day
    assert sorted(message.to[0] for message in mail.outbox) == ["family1@example.jp", "family2@example.jp"]
    assert all("警報のため本日休館" in message.body for message in mail.outbox)


def test_nobody_books_on_a_hub_closure_day(bookable, home, client):
    date = bookable()
    day = date.start.date()
    HubClosure.objects.create(hub=hub_for_page(home), start_date=day, end_date=day, reason="警報のため本日休館")
    again = services.find_bookable(date.key)
    assert again.cancelled and not again.is_open()
    with pytest.raises(services.BookingRefused):
        services.book(again, **family(1), by_staff=True)
    body = json.dumps({"occurrence": date.key, **family(2)})
    answer = client.post("/api/v1/bookings/", data=body, content_type="application/json")
    assert answer.status_code == 409
    assert client.post(f"/book/{date.key}/", {**family(3), "adults": "1", "children": "1"}).status_code == 400
    assert Booking.objects.count() == 0
    [listed] = client.get("/api/v1/programs/occurrences/", {"bookable": "1"}).json()["results"]
    assert (listed["cancelled"], listed["cancel_reason"], listed["booking_open"]) == (True, "警報のため本日休館", False)
