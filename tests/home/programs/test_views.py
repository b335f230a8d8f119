"""Program agenda page, month calendar, program page and iCal feeds, as a parent's browser sees them."""

from datetime import time, timedelta

import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from home.models import BookingMethod
from tests.home.programs.conftest import once
from tests.home.programs.test_agenda import make_sessions

# Rendering /programs/ costs this many queries in total, whatever the number of sessions shown and of hubs
# (Wagtail: site, page route, view restrictions; every hub (also the footer's); menu; breadcrumbs; the area
# choices of the filter; and the agenda's five, with the dates' rows and the hubs' closures). Measured 16 at 1 and at
# 50 sessions before the languages; since then four fixed ones more: Wagtail's active locale, the hubs' translated
# home pages (once per request: home.hubs.hub_tree_roots keeps them on the hub rows), the page's locale (html
# lang) and its live translations (hreflang, language switcher). Measured 20 at 1 and at 50 sessions.
AGENDA_PAGE_MAX_QUERIES = 20


def test_agenda_lists_upcoming_sessions_with_booking_and_stage(client, make_program, soon):
    make_program(title="沐浴体験", life_stages=["pregnancy"], booking=BookingMethod.PHONE, sessions=[once(soon)])
    response = client.get("/programs/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "沐浴体験" in html and "10:00" in html and "11:30" in html
    assert 'href="/programs/calendar.ics"' in html
    assert 'type="checkbox" name="stage" value="pregnancy"' in html


def test_filters_by_life_stage_weekday_and_business_area(client, make_program, soon):
    make_program(title="プレママ講座", life_stages=["pregnancy"], sessions=[once(soon)])
    make_program(title="すなばの会", life_stages=["age2"], sessions=[once(soon + timedelta(days=1))])
    html = client.get("/programs/", {"stage": "age2"}).content.decode()
    assert "すなばの会" in html and "プレママ講座" not in html
    html = client.get("/programs/", {"weekday": str(soon.weekday())}).content.decode()
    assert "プレママ講座" in html and "すなばの会" not in html
    html = client.get("/programs/", {"business_area": "consultation"}).content.decode()
    assert "プレママ講座" not in html and "すなばの会" not in html


def test_month_calendar_without_javascript(client, make_program, soon):
    make_program(title="パパの日", sessions=[once(soon)])
    response = client.get("/programs/", {"view": "calendar", "month": f"{soon:%Y-%m}"})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<table class="month-calendar">' in html and "パパの日" in html
    assert "<script" not in html.split("</footer>")[0]
    assert "view=calendar" in html and 'rel="next"' in html


BAD_FILTERS = [
    {"month": "2026-13"},
    {"month": "soon"},
    {"stage": "teenager"},
    {"weekday": "9"},
    {"date_from": "2026-12-01", "date_to": "2026-11-01"},
    {"date_from": "2026-01-01", "date_to": "2028-01-01"},
    {"date_from": "yesterday"},
    {"booking": "maybe"},
    {"date_to": "2099-01-01"},  # a year from today at most
    {"date_to": "2001-01-01"},  # before today
    {"date_from": "0001-01-01"},
    {"month": "0001-01"},
    {"weekday": "01"},
    {"area": "火星"},
]


def test_bad_filter_values_give_400_with_a_message(client, home):
    for params in BAD_FILTERS:
        response = client.get("/programs/", params)
        assert response.status_code == 400, params
        assert 'role="alert"' in response.content.decode()
        feed = client.get("/programs/calendar.ics", params)
        assert feed.status_code == 400, params
        assert feed["Content-Type"].startswith("text/plain")
        assert list(params)[-1] in feed.content.decode()


def test_program_page_shows_facts_and_next_sessions(client, make_program, soon):
    page = make_program(
        title="沐浴体験",
        life_stages=["pregnancy", "fathers"],
        capacity=6,
        fee="無料",
        booking=BookingMethod.WEB,
        booking_url="https://example.org/book",
        sessions=[once(soon, time(13, 30), time(15), note="ご夫婦で")],
    )
    html = client.get(page.url).content.decode()
    assert "13:30" in html and "ご夫婦で" in html and "https://example.org/book" in html
    assert f'href="{reverse("home:program_ical", args=[page.slug])}"' in html


def _events(body):
    return list(Calendar.from_ical(body).walk("VEVENT"))


def test_program_feed_is_valid_ical_with_stable_uids(client, make_program, soon):
    rule = {"frequency": "weekly", "date": soon, "weekday": soon.weekday(), "until": soon + timedelta(days=50)}
    page = make_program(title="すなばの会", place_name="日野中央公園", sessions=[rule, once(soon, time(14), time(15))])
    first = client.get(f"/programs/{page.slug}/calendar.ics")
    assert first.status_code == 200 and first["Content-Type"].startswith("text/calendar")
    body = first.content
    assert body.startswith(b"BEGIN:VCALENDAR\r\n") and b"VERSION:2.0" in body and b"PRODID:" in body
    assert b"BEGIN:VTIMEZONE\r\nTZID:Asia/Tokyo" in body
    events = _events(body)
    assert len(events) >= 7
    assert all(event.get("dtstart").params["TZID"] == "Asia/Tokyo" for event in events)
    assert all(event.decoded("dtend") > event.decoded("dtstart") for event in events)
    assert str(events[0]["summary"]) == "すなばの会" and "日野中央公園" in str(events[0]["location"])
    again = _events(client.get(f"/programs/{page.slug}/calendar.ics").content)
    assert [str(e["uid"]) for e in events] == [str(e["uid"]) for e in again]
    assert len({str(e["uid"]) for e in events}) == len(events)


def test_filtered_agenda_feed(client, make_program, soon):
    make_program(title="プレママ講座", life_stages=["pregnancy"], sessions=[once(soon)])
    make_program(title="すなばの会", life_stages=["age2"], sessions=[once(soon)])
    events = _events(client.get("/programs/calendar.ics", {"stage": "pregnancy"}).content)
    assert [str(event["summary"]) for event in events] == ["プレママ講座"]


def test_feed_of_a_draft_program_is_404(client, make_program, soon):
    page = make_program(sessions=[once(soon)])
    page.unpublish()
    assert client.get(f"/programs/{page.slug}/calendar.ics").status_code == 404
    assert client.get("/programs/no-such-program/calendar.ics").status_code == 404


@pytest.mark.parametrize("sessions", [1, 50])
def test_agenda_page_query_count_is_constant(client, make_program, soon, sessions):
    make_sessions(make_program, soon, sessions)
    client.get("/programs/")  # warm Wagtail's per-process caches (site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/programs/", {"date_from": f"{soon}", "date_to": f"{soon + timedelta(days=120)}"})
    assert response.status_code == 200
    assert response.content.decode().count('class="occurrence"') >= sessions
    assert len(queries) <= AGENDA_PAGE_MAX_QUERIES, "\n".join(q["sql"][:150] for q in queries)
    test_agenda_page_query_count_is_constant.counts[sessions] = len(queries)
    if len(test_agenda_page_query_count_is_constant.counts) == 2:
        assert len(set(test_agenda_page_query_count_is_constant.counts.values())) == 1


test_agenda_page_query_count_is_constant.counts = {}


def test_program_image_is_a_webp_srcset(client, make_program, soon):
    image = wagtail_factories.ImageFactory(default_alt_text="沐浴の練習", file__width=1600, file__height=900)
    page = make_program(image=image, sessions=[once(soon)])
    html = client.get(page.url).content.decode()
    assert 'srcset="' in html and ".webp 400w" in html and ".webp 800w" in html
    assert 'alt="沐浴の練習"' in html and 'sizes="' in html


def test_a_scheduled_program_is_not_listed_before_it_goes_live(client, make_program, soon):
    page = make_program(title="来月の新講座", sessions=[once(soon)])
    page.unpublish()
    page.go_live_at = timezone.now() + timedelta(days=2)
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live
    assert "来月の新講座" not in client.get("/programs/").content.decode()


def test_the_area_filter_also_follows_the_venue_in_the_directory(client, make_program, soon, home):
    from resources_directory.factories import AreaFactory, ListingPageFactory

    directory = home.get_children().get(slug="directory")
    venue = ListingPageFactory(parent=directory, title="日野こどもログハウス", area=AreaFactory(name="日野"))
    make_program(title="ログハウスであそぼう", venue=venue, area_name="", sessions=[once(soon)])
    make_program(title="上大岡の公園あそび", area_name="上大岡", sessions=[once(soon)])
    html = client.get("/programs/").content.decode()
    assert 'name="area" value="日野"' in html and 'name="area" value="上大岡"' in html
    html = client.get("/programs/", {"area": "日野"}).content.decode()
    assert "ログハウスであそぼう" in html and "上大岡の公園あそび" not in html
