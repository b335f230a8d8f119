"""「生まれたら」 journey page and the privacy rules: a birth date or location is used once, never kept."""

import logging
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from resources_directory.factories import ListingPageFactory


@pytest.fixture
def baby_place(places, directory, taxonomy):
    """Open every day (the journey shows places open in the coming week, whatever today is)."""
    return ListingPageFactory(
        parent=directory,
        slug="baby",
        title="あかちゃんひろば",
        kana="あかちゃんひろば",
        latitude=35.3702,
        longitude=139.5868,
        min_age_months=0,
        max_age_months=11,
        area=taxonomy["konandai"],
        hours=[(d, 0, "10:00", "15:00") for d in range(7)],
    )


def test_home_page_links_to_the_journey(client, home):
    assert 'href="/umaretara/"' in client.get("/").content.decode()


def test_journey_form_is_a_post_form_with_labels(client, db):
    response = client.get("/umaretara/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'method="post"' in html and 'for="id_birth_date"' in html and 'for="id_postal_code"' in html


def test_birth_date_and_postal_code_give_places_for_that_age_nearest_first(client, baby_place):
    three_weeks_ago = timezone.localdate() - timedelta(days=21)
    response = client.post("/umaretara/", {"birth_date": three_weeks_ago.isoformat(), "postal_code": "234-0054"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    # a newborn: the baby salon (0–11 months) comes before the park, the 1–2-year-olds' place is not shown
    assert "あかちゃんひろば" in html and "どんぐり広場" not in html
    assert html.index("あかちゃんひろば") < html.index("芹が谷公園")


def test_a_due_date_is_accepted_for_expectant_parents(client, baby_place):
    due = timezone.localdate() + timedelta(days=60)
    response = client.post("/umaretara/", {"birth_date": due.isoformat(), "area": "konandai"})
    assert response.status_code == 200
    assert "あかちゃんひろば" in response.content.decode()


def test_invalid_journey_input_is_a_400_with_messages(client, db):
    response = client.post("/umaretara/", {"birth_date": "not-a-date", "postal_code": "999"})
    assert response.status_code == 400
    assert 'class="field-error"' in response.content.decode()
    too_far = (timezone.localdate() + timedelta(days=400)).isoformat()
    assert client.post("/umaretara/", {"birth_date": too_far}).status_code == 400


def test_programs_section_is_omitted_until_the_programs_agenda_exists(client, places):
    try:
        import home.agenda  # noqa: F401
    except ImportError:
        birth = (timezone.localdate() - timedelta(days=10)).isoformat()
        html = client.post("/umaretara/", {"birth_date": birth, "postal_code": "234-0054"}).content.decode()
        assert 'id="programs-heading"' not in html


def test_birth_date_and_location_are_not_stored_or_logged(client, places, caplog):
    birth = (timezone.localdate() - timedelta(days=17)).isoformat()
    caplog.set_level(logging.DEBUG)
    client.post("/umaretara/", {"birth_date": birth, "postal_code": "234-0054", "lat": "35.37123", "lng": "139.58765"})
    client.post("/directory/", {"lat": "35.37123", "lng": "139.58765"})
    client.get("/api/v1/directory/", {"lat": "35.37123", "lng": "139.58765"})
    client.post("/umaretara/", {"birth_date": "2026-13-45"})  # a 400 is logged: without the body
    logged = caplog.text + "".join(str(record.args) for record in caplog.records)
    for secret in (birth, "35.37123", "139.58765", "35.371", "2026-13-45"):
        assert secret not in logged
    dump = StringIO()
    call_command("dumpdata", stdout=dump, exclude=["contenttypes", "auth.permission"])
    assert birth not in dump.getvalue() and "35.371" not in dump.getvalue()
    for session in Session.objects.all():
        decoded = str(session.get_decoded())
        assert birth not in decoded and "35.37" not in decoded


def test_birth_date_in_the_address_is_ignored(client, places):
    response = client.get("/umaretara/", {"birth_date": "2026-11-01"})
    assert response.status_code == 200
    assert 'id="places-heading"' not in response.content.decode()
