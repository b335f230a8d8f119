"""Programs across hubs: each hub's agenda shows its own programs; ``hub=<key>`` / ``hub=all`` show others, marked."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from home.agenda import upcoming_occurrences
from home.hubs import all_hubs
from tests.home.programs.conftest import TSUBASA_HOST, make_hub, once, program_in


@pytest.fixture
def two_hubs(home, hub_b, soon):
    """Each hub with one program on the same day; {"a": page of 港南, "b": page of つばさ}."""
    return {
        "a": program_in(home, [once(soon)], title="はっちのひろば", slug="hacchi", area_name="港南中央"),
        "b": program_in(hub_b, [once(soon)], title="そらのリズムあそび", slug="sora", area_name="つばさ台"),
    }


def _html(client, params=None, **extra):
    response = client.get("/programs/", params or {}, **extra)
    assert response.status_code == 200, response.content.decode()[:500]
    return response.content.decode()


def test_each_hub_agenda_shows_only_its_own_programs_by_default(client, two_hubs):
    html = _html(client)
    assert "はっちのひろば" in html and "そらのリズムあそび" not in html
    assert re.search(r'<input type="checkbox" name="hub" value="konan"[^>]* checked>', html)  # what is shown
    assert not re.search(r'<input type="checkbox" name="hub" value="(all|tsubasa)"[^>]* checked>', html)
    html = _html(client, **TSUBASA_HOST)
    assert "そらのリズムあそび" in html and "はっちのひろば" not in html
    assert "occurrence__hub" not in html  # one hub: nothing to tell apart


def test_all_hubs_shows_both_each_marked_with_its_hub_and_linked_on_its_own_host(client, two_hubs):
    html = _html(client, {"hub": "all"})
    assert "はっちのひろば" in html and "そらのリズムあそび" in html
    assert "すべての拠点の講座・イベント" in html
    assert '<p class="occurrence__hub">つばさ区地域子育て支援拠点 そら（つばさ区）</p>' in html
    assert '<p class="occurrence__hub">港南区地域子育て支援拠点 はっち（港南区）</p>' in html
    assert 'href="http://tsubasa.localhost/programs/sora/"' in html
    assert 'href="/programs/hacchi/"' in html
    # The month calendar marks them too (by ward), and the iCal link keeps the choice.
    calendar = _html(client, {"hub": "all", "view": "calendar"})
    assert "そらのリズムあそび（つばさ区）" in calendar
    assert 'href="/programs/calendar.ics?hub=all"' in html


def test_the_hub_filter_picks_hubs_by_key(client, two_hubs):
    html = _html(client, {"hub": "tsubasa"})
    assert "そらのリズムあそび" in html and "はっちのひろば" not in html
    assert "つばさ区地域子育て支援拠点 そらの講座・イベント" in html
    html = _html(client, [("hub", "konan"), ("hub", "tsubasa")])
    assert "そらのリズムあそび" in html and "はっちのひろば" in html
    html = _html(client, {"hub": "konan"}, **TSUBASA_HOST)
    assert "はっちのひろば" in html and "そらのリズムあそび" not in html


def test_area_choices_follow_the_hubs_shown(client, two_hubs):
    html = _html(client)
    assert 'value="港南中央"' in html and 'value="つばさ台"' not in html
    html = _html(client, {"hub": "all"})
    assert 'value="港南中央"' in html and 'value="つばさ台"' in html
    assert "そらのリズムあそび" in _html(client, {"hub": "all", "area": "つばさ台"})


def test_an_empty_hub_is_not_given_as_in_the_directory(client, two_hubs):
    html = _html(client, {"hub": ""})
    assert "はっちのひろば" in html and "そらのリズムあそび" not in html
    html = _html(client, {"hub": ""}, **TSUBASA_HOST)
    assert "そらのリズムあそび" in html and "はっちのひろば" not in html
    feed = client.get("/programs/calendar.ics", {"hub": ""})
    assert feed.status_code == 200 and b"\xe3\x81\xaf\xe3\x81\xa3\xe3\x81\xa1" in feed.content  # はっち


@pytest.mark.parametrize(
    "params", [{"hub": "nowhere"}, [("hub", "konan"), ("hub", "Konan")], [("hub", ""), ("hub", "x")]]
)
def test_an_unknown_hub_is_a_400_naming_the_hubs_there_are(client, two_hubs, params):
    response = client.get("/programs/", params)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html and "konan, tsubasa" in html
    feed = client.get("/programs/calendar.ics", params)
    assert feed.status_code == 400 and feed["Content-Type"].startswith("text/plain")
    assert "hub:" in feed.content.decode() and "konan, tsubasa" in feed.content.decode()


def _events(response):
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return calendar, {str(event["summary"]): event for event in calendar.walk("VEVENT")}


def test_ical_feed_across_hubs_marks_each_event_with_its_hub(client, two_hubs):
    _calendar, events = _events(client.get("/programs/calendar.ics"))
    assert set(events) == {"はっちのひろば"}
    _calendar, events = _events(client.get("/programs/calendar.ics", **TSUBASA_HOST))
    assert set(events) == {"そらのリズムあそび"}
    assert str(events["そらのリズムあそび"]["url"]) == "http://tsubasa.localhost/programs/sora/"

    calendar, events = _events(client.get("/programs/calendar.ics", {"hub": "all"}))
    assert set(events) == {"はっちのひろば", "そらのリズムあそび"}
    assert str(calendar["x-wr-calname"]) == "すべての拠点の講座・イベント"
    sora, hacchi = events["そらのリズムあそび"], events["はっちのひろば"]
    assert [str(c) for c in sora["categories"].cats] == ["つばさ区地域子育て支援拠点 そら", "つばさ区"]
    assert [str(c) for c in hacchi["categories"].cats] == ["港南区地域子育て支援拠点 はっち", "港南区"]
    assert str(sora["url"]) == "http://tsubasa.localhost/programs/sora/"
    assert str(hacchi["url"]).endswith("/programs/hacchi/")
    # The same program in another hub's feed keeps its UID, so a calendar app does not duplicate it.
    _calendar, own = _events(client.get("/programs/calendar.ics", **TSUBASA_HOST))
    assert str(own["そらのリズムあそび"]["uid"]) == str(sora["uid"])


def test_the_agenda_contract_scopes_and_marks_by_hub(two_hubs, soon):
    hubs = list(all_hubs())
    assert {o.title for o in upcoming_occurrences(soon, soon)} == {"はっちのひろば", "そらのリズムあそび"}
    (only_b,) = upcoming_occurrences(soon, soon, hubs=hubs[1:])
    assert (only_b.title, only_b.hub.slug) == ("そらのリズムあそび", "tsubasa")
    assert {(o.title, o.hub.slug) for o in upcoming_occurrences(soon, soon, hubs=hubs)} == {
        ("はっちのひろば", "konan"),
        ("そらのリズムあそび", "tsubasa"),
    }
    assert upcoming_occurrences(soon, soon, hubs=[]) == []


def _agenda_queries(client, soon):
    params = {"hub": "all", "date_from": f"{soon}", "date_to": f"{soon + timedelta(days=27)}"}
    client.get("/programs/", params)  # warm Wagtail's per-process caches (site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/programs/", params)
    assert response.status_code == 200
    return len(queries), response.content.decode().count('class="occurrence__hub"')


def test_the_agenda_across_hubs_costs_the_same_queries_for_one_hub_and_for_three(client, home, soon):
    weekly = {"frequency": "weekly", "date": soon, "weekday": soon.weekday(), "until": soon + timedelta(days=90)}
    program_in(home, [once(soon), weekly])
    one_hub, marked = _agenda_queries(client, soon)
    assert marked == 0  # all hubs are this one hub
    for number in (2, 3):
        hub = make_hub(name=f"第{number}区の拠点", ward=f"第{number}区", hostname=f"hub{number}.localhost")
        program_in(hub, [once(soon), weekly])
        program_in(hub, [once(soon + timedelta(days=1))])
    three_hubs, marked = _agenda_queries(client, soon)
    assert marked >= 3 * 2
    assert three_hubs == one_hub


def test_the_agenda_across_hubs_is_paged_and_calendar_days_are_capped(client, two_hubs, soon, monkeypatch):
    """Every hub's four weeks are many sessions: the list shows a page of them, a calendar day a few."""
    from home import views

    monkeypatch.setattr(views, "AGENDA_PAGE_SIZE", 1)
    html = _html(client, {"hub": "all"})
    assert html.count('class="occurrence"') == 1
    assert "2ページ中1ページ目（全2件）" in html
    (next_link,) = re.findall(r'href="\?([^"]*page=2[^"]*)" rel="next"', html)
    second = _html(client, [tuple(pair.split("=")) for pair in next_link.split("&amp;")])
    assert second.count('class="occurrence"') == 1 and 'rel="prev"' in second
    assert ("はっちのひろば" in html) != ("はっちのひろば" in second)
    assert ("そらのリズムあそび" in html) != ("そらのリズムあそび" in second)
    response = client.get("/programs/", {"hub": "all", "page": "3"})
    assert response.status_code == 400 and "2" in response.content.decode()

    monkeypatch.setattr(views, "CELL_LIMIT", 1)
    calendar = _html(client, {"hub": "all", "view": "calendar", "month": f"{soon:%Y-%m}"})
    table = calendar.split('<table class="month-calendar">')[1].split("</table>")[0]
    assert table.count("<li><a href=") == 1
    assert f'class="more" href="?hub=all&amp;date_from={soon}&amp;date_to={soon}">ほか1件</a>' in calendar


def test_a_feed_of_several_hubs_covers_at_most_a_quarter(client, two_hubs, soon):
    _calendar, events = _events(client.get("/programs/calendar.ics", {"hub": "all"}))  # the default: 2 months
    assert set(events) == {"はっちのひろば", "そらのリズムあそび"}
    long = {"hub": "all", "date_from": f"{soon}", "date_to": f"{soon + timedelta(days=120)}"}
    response = client.get("/programs/calendar.ics", long)
    assert response.status_code == 400 and response["Content-Type"].startswith("text/plain")
    assert "92" in response.content.decode()
    assert client.get("/programs/calendar.ics", {**long, "hub": "konan"}).status_code == 200  # one hub: a year
