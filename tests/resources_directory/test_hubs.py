"""Families see across hubs: one hub's directory by default, every hub on request, each place marked with its hub.

Two hubs: the demo hub 港南区 (slug konan, the default site) with the four places of ``places``, and つばさ区 (slug
tsubasa, tsubasa.localhost) with two places, one of them just across the ward border from 港南台.
"""

import csv
import io
from datetime import time, timedelta

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from home.hub_setup import create_hub
from home.life_stages import life_stage_for_age
from resources_directory.factories import ListingPageFactory
from search.directory import search_directory
from search.models import ListingDocument
from tests.home.programs.conftest import add_program
from tests.resources_directory.conftest import MONDAY
from tests.resources_directory.test_api import validator_for

TSUBASA = "tsubasa.localhost"


@pytest.fixture
def tsubasa(places):
    hub = create_hub(name="つばさ区地域子育て支援拠点 そら", ward="つばさ区", hostname=TSUBASA, slug="tsubasa")
    directory = hub.site.root_page.get_children().get(slug="directory").specific
    ListingPageFactory(
        parent=directory,
        slug="border",
        title="さかいめ親子ひろば",
        kana="さかいめおやこひろば",
        latitude=35.3730,  # 280 m north of ひよこサロン (港南区), across the border; どんぐり広場 is 1 km away
        longitude=139.5872,
        min_age_months=0,
        max_age_months=35,
        hours=[(d, 0, "10:00", "15:00") for d in range(7)],
    )
    ListingPageFactory(
        parent=directory,
        slug="far-tsubasa",
        title="つばさ公園",
        kana="つばさこうえん",
        latitude=35.45,
        longitude=139.65,
        hours=[(d, 0, "06:00", "19:00") for d in range(7)],
    )
    return hub


def names(response):
    return [row["name"] for row in response.json()["results"]]


def test_documents_record_their_hub(tsubasa):
    hubs = dict(ListingDocument.objects.values_list("listing__slug", "hub"))
    assert hubs["near"] == hubs["far"] == "konan"
    assert hubs["border"] == hubs["far-tsubasa"] == "tsubasa"


def test_a_hubs_directory_page_shows_its_own_hub_and_all_hubs_on_request_with_badges(client, tsubasa):
    page = client.get("/directory/", {"q": "ひろば"}).content.decode()
    assert "どんぐり広場" in page and "さかいめ親子ひろば" not in page
    assert "近くの他の区の拠点も含める" in page
    assert 'class="hub-badge"' not in page

    page = client.get("/directory/", {"q": "ひろば", "hub": "all"}).content.decode()
    assert "どんぐり広場" in page and "さかいめ親子ひろば" in page
    border = page[page.index("さかいめ親子ひろば") :]
    assert border.split("</li>")[0].count('class="hub-badge"') == 1  # only the other ward's card
    assert "つばさ区</span>" in border.split("</h3>")[0]
    assert "つばさ区地域子育て支援拠点 そら（つばさ区）" in border.split("</li>")[0]
    dongri = page[page.index("どんぐり広場") :].split("</li>")[0]
    assert "hub-badge" not in dongri and "（港南区）" in dongri
    assert 'name="hub" value="all" id="id_hub_all" checked' in page

    # The other hub's own page: its places by default, and 港南区 marked as the other ward.
    other = client.get("/directory/", {"q": "ひろば"}, HTTP_HOST=TSUBASA).content.decode()
    assert "さかいめ親子ひろば" in other and "どんぐり広場" not in other
    other = client.get("/directory/", {"q": "ひろば", "hub": "all"}, HTTP_HOST=TSUBASA).content.decode()
    assert "港南区</span>" in other[other.index("どんぐり広場") :].split("</h3>")[0]


def test_nearest_first_on_a_hub_page_offers_the_other_wards_and_then_crosses_the_border(client, tsubasa):
    near = {"lat": "35.3705", "lng": "139.5872", "sort": "distance"}
    page = client.get("/directory/", near).content.decode()
    assert "さかいめ親子ひろば" not in page
    assert "hub=all" in page and "区の境" in page  # one click to the nearby wards
    page = client.get("/directory/", {**near, "hub": "all"}).content.decode()
    assert page.index("ひよこサロン") < page.index("さかいめ親子ひろば") < page.index("どんぐり広場")
    assert "区の境" not in page


def test_api_searches_every_hub_by_default_filters_by_hub_and_counts_per_hub(client, tsubasa):
    validator = validator_for("DirectoryResponse")
    everything = client.get("/api/v1/directory/", {"sort": "name"})
    assert everything.status_code == 200
    validator.validate(everything.json())
    assert everything.json()["count"] == 6
    assert everything.json()["facets"]["hub"] == {"konan": 4, "tsubasa": 2}
    border = next(row for row in everything.json()["results"] if row["name"] == "さかいめ親子ひろば")
    assert border["hub"] == {"slug": "tsubasa", "name": "つばさ区地域子育て支援拠点 そら", "ward": "つばさ区"}

    one = client.get("/api/v1/directory/", {"hub": "tsubasa"})
    assert sorted(names(one)) == ["さかいめ親子ひろば", "つばさ公園"]
    assert one.json()["facets"]["hub"] == {"tsubasa": 2}
    both = client.get("/api/v1/directory/?hub=tsubasa&hub=konan&q=ひろば")
    assert sorted(names(both)) == ["さかいめ親子ひろば", "どんぐり広場"]
    assert client.get("/api/v1/directory/", {"hub": "all"}).json()["count"] == 6
    nearest = client.get("/api/v1/directory/", {"lat": "35.3705", "lng": "139.5872", "hub": "all"})
    assert names(nearest)[:3] == ["ひよこサロン", "さかいめ親子ひろば", "どんぐり広場"]

    bad = client.get("/api/v1/directory/", {"hub": ["konan", "nowhere"]})
    assert bad.status_code == 400
    assert "nowhere" in bad.json()["errors"]["hub"][0]
    validator_for("Errors").validate(bad.json())


def test_the_hub_parameter_is_in_the_openapi_schema(client, db):
    document = client.get("/api/v1/schema/").json()
    hub = next(p for p in document["paths"]["/api/v1/directory/"]["get"]["parameters"] if p["name"] == "hub")
    assert hub["schema"]["type"] == "array" and "all" in hub["description"]


def test_umaretara_shows_the_hubs_places_and_across_the_border_on_request(client, tsubasa):
    form = {"birth_date": MONDAY.date().replace(month=10).isoformat(), "lat": "35.3705", "lng": "139.5872"}
    page = client.post("/umaretara/", form).content.decode()
    assert "ひよこサロン" in page and "さかいめ親子ひろば" not in page
    assert "近くの他の区の拠点も含める" in page
    page = client.post("/umaretara/", {**form, "all_hubs": "on"}).content.decode()
    assert page.index("ひよこサロン") < page.index("さかいめ親子ひろば")
    assert "つばさ区</span>" in page[page.index("さかいめ親子ひろば") :].split("</h3>")[0]
    other = client.post("/umaretara/", form, HTTP_HOST=TSUBASA).content.decode()
    assert "さかいめ親子ひろば" in other and "ひよこサロン" not in other
    assert 'href="http://tsubasa.localhost/directory/"' in other or 'href="/directory/"' in other


def test_umaretara_lists_this_hubs_programs_and_the_other_wards_on_request_marked(client, tsubasa, home):
    day = timezone.localdate() + timedelta(days=2)
    session = {"frequency": "once", "date": day, "start_time": time(10), "end_time": time(11)}
    infant = life_stage_for_age(2)
    for hub_home, title in ((home, "こうなんベビーマッサージ"), (tsubasa.site.root_page, "つばさベビーマッサージ")):
        add_program(hub_home.get_children().get(slug="programs").specific, [session], title=title, life_stages=[infant])
    form = {"birth_date": (timezone.localdate() - timedelta(days=60)).isoformat(), "lat": "35.3705", "lng": "139.5872"}
    page = client.post("/umaretara/", form).content.decode()
    assert "こうなんベビーマッサージ" in page and "つばさベビーマッサージ" not in page
    page = client.post("/umaretara/", {**form, "all_hubs": "on"}).content.decode()
    line = next(li for li in page.split("<li>") if "つばさベビーマッサージ" in li)
    assert "つばさ区</span>" in line and "hub-badge" not in next(li for li in page.split("<li>") if "こうなん" in li)
    other = client.post("/umaretara/", form, HTTP_HOST=TSUBASA).content.decode()
    assert "つばさベビーマッサージ" in other and "こうなんベビーマッサージ" not in other


def test_open_data_names_each_places_hub_and_exports_one_hub_on_request(client, tsubasa):
    rows = list(csv.DictReader(io.StringIO(client.get("/open-data/directory.csv").content.decode("utf-8-sig"))))
    by_id = {row["id"]: row for row in rows}
    assert len(rows) == 6
    assert (by_id["border"]["hub"], by_id["border"]["hub_ward"]) == ("tsubasa", "つばさ区")
    assert by_id["near"]["hub"] == "konan"
    services = client.get("/open-data/directory.json", {"hub": "tsubasa"}).json()["services"]
    assert sorted(s["id"] for s in services) == ["border", "far-tsubasa"]
    bad = client.get("/open-data/directory.csv", {"hub": "nowhere"})
    assert bad.status_code == 400 and "nowhere" in bad.json()["errors"]["hub"][0]


def test_moving_a_listing_to_another_hub_moves_it_in_the_search(tsubasa, places):
    target = tsubasa.site.root_page.get_children().get(slug="directory")
    places["middle"].move(target, pos="last-child")
    assert "どんぐり広場" in [i.title for i in search_directory({"hub": "tsubasa"}, now=MONDAY).items]
    assert "どんぐり広場" not in [i.title for i in search_directory({"hub": "konan"}, now=MONDAY).items]


def test_a_hub_made_over_existing_listings_takes_them_and_gives_them_back_when_removed(places, directory):
    from django.contrib.auth.models import Group
    from wagtail.models import Site

    from home.models import HubSettings
    from home.models.settings import ROLE_FIELDS

    site = Site.objects.create(hostname="hino.localhost", root_page=directory)
    groups = {field: Group.objects.create(name=f"日野の拠点: {field}") for field in ROLE_FIELDS.values()}
    HubSettings.objects.create(site=site, hub_name="日野の拠点", ward="日野区", slug="hino-hub", **groups)
    assert set(ListingDocument.objects.values_list("hub", flat=True)) == {"hino-hub"}
    assert search_directory({"hub": "konan"}, now=MONDAY).count == 0
    site.delete()
    assert set(ListingDocument.objects.values_list("hub", flat=True)) == {"konan"}
    assert search_directory({"hub": "konan"}, now=MONDAY).count == 4


hub_values = st.one_of(
    st.sampled_from(["konan", "tsubasa", "all", "", "ALL", "konan ", "tsubasa,konan"]),
    st.text(max_size=60),
)


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    hubs=st.lists(hub_values, max_size=4),
    extra=st.sampled_from([{}, {"q": "ひろば"}, {"lat": "35.37", "lng": "139.58"}]),
)
def test_any_hub_parameter_answers_results_or_names_the_parameter(client, tsubasa, hubs, extra):
    response = client.get("/api/v1/directory/", {"hub": hubs, **extra})
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert list(response.json()["errors"]) == ["hub"]
        assert any(value not in ("konan", "tsubasa", "all", "") for value in hubs)
    else:
        counts = response.json()["facets"]["hub"]
        assert set(counts) <= {"konan", "tsubasa"}
        asked = {value for value in hubs if value}
        if asked and "all" not in asked:
            assert set(counts) <= asked
    page = client.get("/directory/", {"hub": hubs, **extra})
    assert page.status_code in (200, 400)
