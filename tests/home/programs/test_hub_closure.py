"""A hub-wide closure (「警報のため本日休館」) cancels that hub's program sessions of those days — in the agenda data,
the programs API and the iCal feeds (STATUS:CANCELLED, a bumped SEQUENCE) — and is shown on the hub's home page;
another hub's sessions go on."""

from datetime import timedelta

import pytest
from icalendar import Calendar

from home.agenda import program_occurrences, upcoming_occurrences
from home.hubs import hub_for_page
from resources_directory.models import HubClosure
from tests.home.programs.conftest import TSUBASA_HOST, once, program_in

pytestmark = pytest.mark.django_db
REASON = "警報のため本日休館"


@pytest.fixture
def closed(home, soon):
    return HubClosure.objects.create(hub=hub_for_page(home), start_date=soon, end_date=soon, reason=REASON)


def events(response):
    return list(Calendar.from_ical(response.content).walk("VEVENT"))


def test_sessions_on_a_closure_day_are_cancelled_with_its_reason(home, hub_b, make_program, soon, closed):
    ours = make_program(sessions=[once(soon), once(soon + timedelta(days=1))], title="ひよこ体操")
    theirs = program_in(hub_b, sessions=[once(soon)], title="そらの体操")
    found = {(o.title, o.day): o for o in upcoming_occurrences(soon, soon + timedelta(days=1))}
    assert found[("ひよこ体操", soon)].cancelled and found[("ひよこ体操", soon)].cancel_reason == REASON
    assert not found[("ひよこ体操", soon + timedelta(days=1))].cancelled
    assert not found[("そらの体操", soon)].cancelled  # another hub's sessions go on
    own = program_occurrences(ours, soon, soon + timedelta(days=1))
    assert [o.cancelled for o in own] == [True, False]
    assert not program_occurrences(theirs, soon, soon)[0].cancelled


def test_the_ical_feeds_keep_the_event_cancelled_with_a_new_sequence(client, home, make_program, soon):
    program = make_program(sessions=[once(soon)], title="ひよこ体操", slug="hiyoko")
    before = events(client.get(f"/programs/{program.slug}/calendar.ics"))
    assert before[0].get("status") is None and int(before[0].get("sequence", 0)) == 0
    HubClosure.objects.create(hub=hub_for_page(home), start_date=soon, end_date=soon, reason=REASON)
    for url in (f"/programs/{program.slug}/calendar.ics", "/programs/calendar.ics"):
        event = next(e for e in events(client.get(url)) if str(e["summary"]) == "ひよこ体操")
        assert str(event["status"]) == "CANCELLED" and int(event["sequence"]) == 1
        assert str(event["uid"]) == str(before[0]["uid"])


def test_the_programs_api_says_cancelled_with_the_reason(client, make_program, soon, closed):
    make_program(sessions=[once(soon)], title="ひよこ体操")
    rows = client.get("/api/v1/programs/occurrences/", {"days": 10}).json()
    row = next(r for r in rows["results"] if r["title"] == "ひよこ体操")
    assert row["cancelled"] is True and row["cancel_reason"] == REASON


def test_the_hub_home_page_shows_the_closure_and_the_other_hub_does_not(client, home, hub_b, soon, closed):
    page = client.get("/").content.decode()
    assert "休館のお知らせ" in page and f"{soon.month}/{soon.day} 休館（{REASON}）" in page
    assert REASON not in client.get("/", **TSUBASA_HOST).content.decode()


def test_a_past_closure_is_no_longer_on_the_home_page(client, home, soon):
    day = soon - timedelta(days=10)
    HubClosure.objects.create(hub=hub_for_page(home), start_date=day, end_date=day, reason=REASON)
    assert REASON not in client.get("/").content.decode()
