"""Any program's date can be called off by its hub's staff (issue 18), booked on this site or not, and families
see it struck through with the reason on the program page, in the agenda, the API and the calendar feeds."""

from datetime import time, timedelta

import pytest
from django.test import Client
from wagtail.models import PageLogEntry

from home.agenda import today
from home.hubs import hub_for_page
from home.models import SessionDate
from tests.bookings.conftest import TSUBASA, make_hub
from tests.conftest import log_in, make_staff_user
from tests.home.programs.conftest import add_program

pytestmark = pytest.mark.django_db


@pytest.fixture
def park_day(programs_index):
    """A program families just come to (no booking), in five days."""
    day = today() + timedelta(days=5)
    page = add_program(
        programs_index,
        sessions=({"date": day, "start_time": time(10), "end_time": time(11, 30)},),
        title="公園あそび",
        slug="park-play",
    )
    return page, f"{page.sessions.get().pk}-{day:%Y%m%d}"


def test_every_program_date_is_listed_and_one_without_booking_is_called_off(client_for, client, park_day):
    page, key = park_day
    editor = client_for("editor")
    assert key not in editor.get("/admin/bookings/").content.decode()  # only dates booked here by default
    listing = editor.get("/admin/bookings/", {"every": "1"})
    assert f"/admin/bookings/{key}/" in listing.content.decode()

    date_page = editor.get(f"/admin/bookings/{key}/")
    assert date_page.status_code == 200 and f"/admin/bookings/{key}/cancel/" in date_page.content.decode()
    answer = editor.post(f"/admin/bookings/{key}/cancel/", {"reason": "台風のため"})
    assert answer.status_code == 302
    row = SessionDate.objects.get(page=page)
    assert (row.cancelled, row.cancel_reason, row.sequence) == (True, "台風のため", 1)
    assert PageLogEntry.objects.filter(page=page, action="bookings.cancel_date").exists()

    public = client.get(page.url).content.decode()
    assert "中止：台風のため" in public or "中止: 台風のため" in public
    assert "台風のため" in client.get("/programs/").content.decode()
    feed = client.get(f"/programs/{page.slug}/calendar.ics").content.decode()
    assert "STATUS:CANCELLED" in feed and "SEQUENCE:1" in feed
    [result] = [r for r in client.get("/api/v1/programs/occurrences/").json()["results"] if r["id"] == key]
    assert (result["cancelled"], result["cancel_reason"], result["bookable"]) == (True, "台風のため", False)


def test_another_hubs_staff_cannot_call_it_off(park_day, home):
    page, key = park_day
    other = make_hub(**TSUBASA)
    client = Client()
    log_in(client, make_staff_user("editor", hub=hub_for_page(other), username="editor-b"))
    assert client.get(f"/admin/bookings/{key}/").status_code == 404
    assert client.post(f"/admin/bookings/{key}/cancel/", {"reason": "x"}).status_code == 404
    assert not SessionDate.objects.filter(page=page, cancelled_at__isnull=False).exists()
