"""A date the hub calls off stays in the iCal feeds (the program's and the agenda's) as STATUS:CANCELLED with
SEQUENCE:1, so subscribed calendars strike it out; the program's other dates are unchanged."""

from datetime import timedelta

import pytest
from icalendar import Calendar

from bookings import services
from home.agenda import today
from tests.bookings.conftest import bookable_session

FEEDS = ("/programs/calendar.ics", "/programs/{slug}/calendar.ics")


def events(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return {
        f"{event.decoded('dtstart'):%Y%m%d}": event
        for event in Calendar.from_ical(response.content).walk("VEVENT")
        if "沐浴体験" in str(event.get("summary"))
    }


@pytest.fixture
def weekly(programs_index):
    """A weekly bookable session: next week's date and the one after."""
    first = today() + timedelta(days=7)
    page, session = bookable_session(
        programs_index,
        frequency="weekly",
        weekday=first.weekday(),
        until=first + timedelta(days=7),
        skip_holidays=False,
    )
    return page, [services.find_bookable(f"{session.pk}-{day:%Y%m%d}") for day in (first, first + timedelta(days=7))]


@pytest.mark.parametrize("feed", FEEDS)
def test_a_cancelled_date_stays_in_the_feed_as_cancelled(weekly, client_for, feed):
    page, (called_off, kept) = weekly
    path = feed.format(slug=page.slug)
    before = events(client_for("anonymous"), path)
    assert {called_off.key[-8:], kept.key[-8:]} <= set(before)
    assert "STATUS" not in before[called_off.key[-8:]]
    response = client_for("editor").post(f"/admin/bookings/{called_off.key}/cancel/", {"reason": "台風のため"})
    assert response.status_code == 302
    after = events(client_for("anonymous"), path)
    cancelled, other = after[called_off.key[-8:]], after[kept.key[-8:]]
    assert (str(cancelled["status"]), int(cancelled["sequence"])) == ("CANCELLED", 1)
    assert str(cancelled["uid"]) == str(before[called_off.key[-8:]]["uid"])  # the same event, updated
    assert "STATUS" not in other and "SEQUENCE" not in other
