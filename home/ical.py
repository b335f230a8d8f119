"""iCalendar (RFC 5545) feeds of program sessions, built with the ``icalendar`` package.

One VEVENT per occurrence (recurrences are expanded here, so holidays and exception dates are exact in every
calendar app). UIDs are stable (session id + date), so a calendar app updates events instead of duplicating;
a date the hub called off stays in the feed with ``STATUS:CANCELLED`` and a bumped ``SEQUENCE``, so subscribed
calendars strike it out (the occurrences need ``home.agenda.attach_dates``).
An occurrence that knows its hub (``Occurrence.hub``) carries the hub's name and ward as CATEGORIES; the event's
URL is always on the program's own hub (its site's hostname).
"""

from datetime import UTC, datetime

from icalendar import Calendar, Event

PRODID = "-//kosodate-hub//programs//JA"


def build_calendar(occurrences, name, request=None, description=""):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Tokyo")
    if description:
        calendar.add("x-wr-caldesc", description)
    stamp = datetime.now(UTC).replace(microsecond=0)
    for occurrence in occurrences:
        page = occurrence.page
        event = Event()
        event.add("uid", occurrence.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", occurrence.start)
        event.add("dtend", occurrence.end)
        event.add("summary", occurrence.title)
        if occurrence.sequence:
            event.add("sequence", occurrence.sequence)
        if occurrence.cancelled:
            event.add("status", "CANCELLED")
        if page.summary:
            event.add("description", page.summary)
        location = ", ".join(part for part in (page.place, page.address) if part)
        if location:
            event.add("location", location)
        if occurrence.hub is not None:
            event.add("categories", [part for part in (occurrence.hub.hub_name, occurrence.hub.ward) if part])
        url = page.get_full_url(request)
        if url:
            event.add("url", url)
        if page.last_published_at:
            event.add("last-modified", page.last_published_at.astimezone(UTC).replace(microsecond=0))
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
