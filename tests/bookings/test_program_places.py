"""What a family sees on the program page before booking: places left on each date, the waiting list, when booking
opens, a link to book; called-off dates struck through here and in the agenda; and a booking shows at once even
when the page came from the page cache."""

import re
from datetime import time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bookings import services
from bookings.availability import attach_places
from home.agenda import program_occurrences, today
from home.models import SessionDate
from tests.bookings.conftest import bookable_session, family
from tests.home.programs.conftest import add_program, once
from tests.home.test_page_cache import committed, page_cache, stored_pages  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def soon_day():
    return today() + timedelta(days=3)


def sessions_html(response):
    """The page's list of dates, tags stripped to one line per date."""
    html = response.content.decode()
    listed = re.search(r'<ul class="sessions[^"]*">(.*?)</ul>', html, re.S)[1]
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in re.findall(r"<li.*?</li>", listed, re.S)]


def test_places_left_then_waiting_list_then_full(client, bookable):
    date = bookable(capacity=2, waitlist_size=1)
    url = date.page.url
    book_link = f'href="/book/{date.key}/"'
    page = client.get(url)
    assert "残り2席" in sessions_html(page)[0]
    assert book_link in page.content.decode()

    services.book(date, **family(1))
    assert "残り1席" in sessions_html(client.get(url))[0]

    services.book(date, **family(2))
    page = client.get(url)
    assert "満員（キャンセル待ち受付中）" in sessions_html(page)[0]
    assert "キャンセル待ちに申し込む" in sessions_html(page)[0] and book_link in page.content.decode()

    services.book(date, **family(3))
    page = client.get(url)
    assert sessions_html(page)[0].endswith("満員")
    assert book_link not in page.content.decode()


def test_a_date_not_open_yet_says_when_booking_opens_and_has_no_link(client, bookable):
    date = bookable(days_ahead=20, booking_opens_days=10)
    opens = timezone.localtime(date.opens_at)
    page = client.get(date.page.url)
    assert f"受付開始 {opens.month}月{opens.day}日 10:00" in sessions_html(page)[0]
    assert f"/book/{date.key}/" not in page.content.decode()


def test_programs_not_booked_here_show_no_places(client, programs_index):
    program = add_program(programs_index, sessions=(once(soon_day(), capacity=5),), booking="phone")
    assert "残り" not in client.get(program.url).content.decode()


def test_the_counts_of_every_date_come_from_one_query(programs_index):
    """Rendering a weekly session's dates costs the same queries with one booked date or ten."""
    start = today() + timedelta(days=1)
    weekly = {
        "frequency": "weekly",
        "date": start,
        "until": start + timedelta(days=80),
        "weekday": start.weekday(),
        "skip_holidays": False,
        "capacity": 5,
    }
    page, session = bookable_session(programs_index, **weekly)
    first = services.find_bookable(f"{session.pk}-{start:%Y%m%d}")

    def queries():
        occurrences = program_occurrences(page, today(), today() + timedelta(days=90))[:12]
        with CaptureQueriesContext(connection) as captured:
            attach_places(occurrences)
        return len(captured), [occurrence.bookable.places_left for occurrence in occurrences]

    services.book(first, **family(1))
    one_date = queries()
    for week in range(1, 10):
        services.book(services.find_bookable(f"{session.pk}-{start + timedelta(weeks=week):%Y%m%d}"), **family(week))
    ten_dates = queries()
    assert one_date[0] == ten_dates[0] == 1
    assert one_date[1][:3] == [4, 5, 5] and ten_dates[1][:10] == [4] * 10


def cancel_date(page, session, day, reason):
    start, end = session.occurrences(day, day)[0]
    return SessionDate.objects.create(
        page=page, session=session, date=day, start=start, end=end, cancelled_at=timezone.now(), cancel_reason=reason
    )


def test_a_called_off_date_is_struck_through_with_its_reason(client, bookable, programs_index):
    date = bookable()
    services.cancel_session_date(date, "台風のため")
    listed = client.get(date.page.url).content.decode()
    assert re.search(r"<del><time[^>]*>[^<]*</time>–11:30</del> <strong[^>]*>中止：台風のため</strong>", listed)
    assert f"/book/{date.key}/" not in listed and "残り" not in listed

    # Any program, booked here or not: the agenda's list and calendar strike it through too.
    soon = soon_day()
    park = add_program(programs_index, (once(soon, start=time(13), end=time(14)),), title="公園あそび", booking="none")
    cancel_date(park, park.sessions.get(), soon, "雨天のため")
    agenda = client.get("/programs/", {"date_from": f"{soon}", "date_to": f"{soon}"}).content.decode()
    assert re.search(r"<del>公園あそび</del>", agenda) and "中止：雨天のため" in agenda
    calendar = client.get("/programs/", {"view": "calendar", "month": f"{soon:%Y-%m}"}).content.decode()
    assert re.search(
        r"<del><time[^>]*>13:00</time> 公園あそび</del></a> <strong[^>]*>中止：雨天のため</strong>", calendar
    )
    assert "<del>" not in agenda.split("公園あそび")[0], "the other sessions of the day are not struck through"


def test_a_booking_shows_in_places_left_at_once_with_the_page_cache_on(client, bookable, page_cache, committed):  # noqa: F811
    date = bookable(capacity=3)
    url = date.page.url
    assert "残り3席" in sessions_html(client.get(url))[0]
    assert any("残り3席" in page for page in stored_pages(page_cache)), "the program page is cached for visitors"

    with committed():
        response = client.post(f"/book/{date.key}/", {**family(1), "adults": 1, "children": 1})
    assert response.status_code == 302
    assert "残り2席" in sessions_html(client.get(url))[0]
    # The booking pages themselves were never stored: no family's name in the cache.
    assert not any("家族 1" in page for page in stored_pages(page_cache))
