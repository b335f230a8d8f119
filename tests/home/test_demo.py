from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import Collection, Page, Revision, Site, Workflow

from bookings.models import Booking
from goals.models import EvaluationPage
from home.hubs import all_hubs
from home.models import HomePage, ProgramPage, ProgramSession, SessionDate
from resources_directory.models import Area, Category, ListingPage


def snapshot():
    """What a second load_demo must leave exactly as it is."""
    return {
        "pages": list(Page.objects.order_by("path").values_list("path", "title", "live", "latest_revision_id")),
        "revisions": Revision.objects.count(),
        "sessions": list(ProgramSession.objects.order_by("pk").values_list("page_id", "frequency", "date")),
        "areas": list(
            Area.objects.order_by("slug", "pk").values_list("slug", "name", "latitude", "longitude", "hub_id")
        ),
        "categories": list(Category.objects.order_by("slug", "pk").values_list("slug", "name")),
        "listings": list(ListingPage.objects.order_by("pk").values_list("pk", "area_id", "latitude", "longitude")),
        "sites": list(Site.objects.order_by("pk").values_list("hostname", "port", "root_page_id", "is_default_site")),
        "groups": sorted(Group.objects.values_list("name", flat=True)),
        "workflows": sorted(Workflow.objects.values_list("name", flat=True)),
        "collections": sorted(Collection.objects.values_list("name", flat=True)),
        "bookings": list(Booking.objects.order_by("pk").values_list("session_date_id", "name", "status")),
        "dates": list(
            SessionDate.objects.order_by("pk").values_list("session_id", "date", "cancel_reason", "sequence")
        ),
    }


@pytest.mark.django_db
def test_load_demo_builds_two_hubs_and_a_second_run_changes_nothing():
    output = StringIO()
    call_command("load_demo", stdout=output)
    before = snapshot()
    call_command("load_demo", stdout=StringIO())
    assert snapshot() == before

    konan, tsubasa = all_hubs()
    assert (konan.slug, konan.ward, konan.site.hostname, konan.site.is_default_site) == (
        "konan",
        "港南区",
        "localhost",
        True,
    )
    assert (tsubasa.slug, tsubasa.ward, tsubasa.site.hostname) == ("tsubasa", "つばさ区", "tsubasa.localhost")
    assert not tsubasa.site.is_default_site
    # Two hubs; the others are the first hub's home in the demo's other languages (languages/demo.py).
    assert HomePage.objects.filter(locale__language_code="ja").count() == 2
    assert set(HomePage.objects.exclude(locale__language_code="ja").values_list("translation_key", flat=True)) == {
        konan.site.root_page.translation_key
    }
    assert "http://127.0.0.1:8000/" in output.getvalue() and "http://tsubasa.localhost:8000/" in output.getvalue()
    for hub in (konan, tsubasa):
        home = hub.site.root_page
        slugs = set(home.get_children().values_list("slug", flat=True))
        assert {"programs", "directory", "evaluations", "about"} <= slugs
        programs = ProgramPage.objects.live().descendant_of(home)
        assert programs.count() >= 6 and all(program.sessions.exists() for program in programs)
        assert EvaluationPage.objects.live().descendant_of(home).exists()
        assert ListingPage.objects.live().descendant_of(home).count() >= 12
    # Some of the second hub's programs take place at its own listings, in the listing's area.
    venues = ProgramPage.objects.descendant_of(tsubasa.site.root_page).exclude(venue=None).select_related("venue")
    assert venues.count() >= 3
    assert all(p.venue.is_descendant_of(tsubasa.site.root_page) and p.area_name == p.venue.area.name for p in venues)
    assert EvaluationPage.objects.get(ward="つばさ区").fiscal_year == 2022
    assert not Page.objects.filter(slug="home", depth=2).exists()  # Wagtail's welcome page is gone
    assert_bookable_demo(konan, tsubasa)

    # `make run PORT=8080`: the same hubs move to the new port (their pages' full addresses follow).
    call_command("load_demo", port=8080, stdout=StringIO())
    assert set(Site.objects.values_list("hostname", "port")) == {("localhost", 8080), ("tsubasa.localhost", 8080)}
    assert Page.objects.count() == len(before["pages"])
    assert ListingPage.objects.get(title="かざぐるま公園").full_url.startswith("http://tsubasa.localhost:8080/")


def assert_bookable_demo(*hubs):
    """Each hub has a program booked on this site with small places, invented bookings and a called-off date."""
    from bookings.services import find_bookable

    for hub in hubs:
        programs = ProgramPage.objects.live().descendant_of(hub.site.root_page).filter(booking="site")
        sessions = ProgramSession.objects.filter(page__in=programs, capacity__isnull=False)
        assert sessions.exists() and all(3 <= s.capacity <= 8 and 1 <= s.waitlist_size <= 3 for s in sessions)
        dates = [find_bookable(f"{s.pk}-{s.date:%Y%m%d}") for s in sessions]
        assert any(date.places_left and date.confirmed for date in dates), "a date with places and bookings"
        assert any(not date.places_left and date.waitlisted for date in dates), "a full date with a waiting family"
        [called_off] = [date for date in dates if date.cancelled]
        assert called_off.row.cancel_reason.endswith("（デモ）")
    names = set(Booking.objects.values_list("name", flat=True))
    assert names and all(name.startswith("デモ ") for name in names)
    assert not Booking.objects.filter(contact__contains="@").exists()  # no e-mail goes out to a made-up address


@pytest.mark.django_db
def test_dev_users_are_refused_outside_development(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("create_dev_users")


@pytest.mark.django_db
def test_dev_users_are_each_in_exactly_their_hubs_group_and_the_logins_name_the_hub(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    stale = get_user_model().objects.create_user("editor2", password="kosodate-dev")  # from an older run
    stale.groups.add(Group.objects.get(name="港南区地域子育て支援拠点 はっち: Editors"))
    call_command("create_dev_users", stdout=StringIO())
    output = StringIO()
    call_command("create_dev_users", stdout=output)  # again: nothing new, nothing lost

    users = get_user_model().objects
    expected = {
        "editor": "港南区地域子育て支援拠点 はっち: Editors",
        "reviewer": "港南区地域子育て支援拠点 はっち: Ward reviewers",
        "manager": "港南区地域子育て支援拠点 はっち: Managers",
        "editor2": "つばさ区地域子育て支援拠点 そら: Editors",
        "reviewer2": "つばさ区地域子育て支援拠点 そら: Ward reviewers",
        "manager2": "つばさ区地域子育て支援拠点 そら: Managers",
        "floor": "港南区地域子育て支援拠点 はっち: Floor staff",
        "floor2": "つばさ区地域子育て支援拠点 そら: Floor staff",
        "city": "City staff",
    }
    for username, group in expected.items():
        user = users.get(username=username)
        assert list(user.groups.values_list("name", flat=True)) == [group], username
        assert not user.is_superuser and user.check_password("kosodate-dev")
    admin = users.get(username="admin")
    assert admin.is_superuser and not admin.groups.exists()

    lines = output.getvalue().splitlines()
    konan = lines.index(
        "港南区地域子育て支援拠点 はっち — http://127.0.0.1:8000/ (admin: http://127.0.0.1:8000/admin/)"
    )
    tsubasa = lines.index(
        "つばさ区地域子育て支援拠点 そら — http://tsubasa.localhost:8000/ (admin: http://tsubasa.localhost:8000/admin/)"
    )
    assert [line.split()[0] for line in lines[konan + 1 : konan + 5]] == ["editor", "reviewer", "manager", "floor"]
    assert [line.split()[0] for line in lines[tsubasa + 1 : tsubasa + 5]] == [
        "editor2",
        "reviewer2",
        "manager2",
        "floor2",
    ]
