"""A translated program page shows its Japanese program's dates: their places, cancellations and booking links, so
a family reading English books the same places as everyone else (the translation's copied sessions are never booked,
cancelled or counted)."""

import pytest

from bookings import services
from bookings.models import Booking
from tests.bookings.conftest import FAMILY, bookable_session
from tests.languages.conftest import translate

pytestmark = pytest.mark.django_db

FORM = {**FAMILY, "child_age_months": "4", "adults": "1", "children": "1"}


@pytest.fixture
def program(home):
    index = home.get_children().get(slug="programs").specific
    page, session = bookable_session(index, capacity=3)
    english = translate(page, "en", title="Baby bath class")
    return page, session, english


def test_a_family_books_the_japanese_programs_places_from_the_english_page(client, program):
    page, session, english = program
    key = f"{session.pk}-{session.date:%Y%m%d}"
    html = client.get(english.url).content.decode()
    assert "Baby bath class" in html and f'href="/en/book/{key}/"' in html and "3 places left" in html
    assert client.post(f"/en/book/{key}/", FORM).status_code == 302
    assert Booking.objects.get().session_date.session == session  # the Japanese program's session
    assert "残り2席" in client.get(page.url).content.decode()
    assert "2 places left" in client.get(english.url).content.decode()


def test_a_date_cancelled_on_the_japanese_program_shows_cancelled_on_the_english_page(client, program):
    page, session, english = program
    services.cancel_session_date(services.find_bookable(f"{session.pk}-{session.date:%Y%m%d}"), "講師の都合")
    html = client.get(english.url).content.decode()
    assert "session--cancelled" in html and "講師の都合" in html and "/book/" not in html


def test_a_withdrawn_japanese_program_offers_no_dates_on_its_translation(client, program):
    page, session, english = program
    page.unpublish()
    html = client.get(english.url).content.decode()
    assert "Baby bath class" in html and "/book/" not in html and "places left" not in html
