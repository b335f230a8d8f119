import re

from django.test import override_settings


def text(response):
    return response.content.decode()


def result_names(response):
    return re.findall(r'<h3 class="listing__name"><a href="[^"]+">([^<]+)</a>', text(response))


def test_directory_page_lists_all_places_by_reading_without_parameters(client, places):
    response = client.get("/directory/")
    assert response.status_code == 200
    assert result_names(response) == ["芹が谷公園", "電話相談", "どんぐり広場", "ひよこサロン"]
    html = text(response)
    assert '<form id="directory-search"' in html and 'method="get"' in html
    assert 'for="id_age_months"' in html and 'for="id_postal_code"' in html  # every field has a label
    assert "csrfmiddlewaretoken" not in html.split('id="directory-search"')[1].split("</form>")[0]


def test_plain_get_form_search_by_postal_code_and_age_without_javascript(client, places):
    response = client.get("/directory/", {"postal_code": "234-0054", "age_months": "3", "radius_km": "2"})
    assert response.status_code == 200
    assert result_names(response) == ["ひよこサロン"]
    assert "km" in text(response)
    assert "no-store" in response["Cache-Control"]


def test_bad_input_gives_400_with_the_message_next_to_the_field(client, places):
    response = client.get("/directory/", {"age_months": "many", "weekday": "8"})
    assert response.status_code == 400
    html = text(response)
    assert 'role="alert"' in html
    label = html.split('for="id_age_months"')[1].split("</label>")[0]
    assert 'class="field-error"' in label


def test_bad_page_number_is_a_400_not_a_500(client, places):
    assert client.get("/directory/", {"page": "x"}).status_code == 400


def test_pagination_keeps_the_query(client, directory, taxonomy):
    from resources_directory.factories import ListingPageFactory

    for n in range(21):
        ListingPageFactory(
            parent=directory, title=f"サロン{n:02d}", kana=f"さろん{n:02d}", categories=[taxonomy["salon"]]
        )
    response = client.get("/directory/", {"category": "salon"})
    assert 'href="?category=salon&amp;page=2"' in text(response)
    second = client.get("/directory/", {"category": "salon", "page": "2"})
    assert result_names(second) == ["サロン20"]


def test_post_with_browser_location_is_not_cached_and_keeps_the_location_out_of_links(client, places):
    response = client.post("/directory/", {"lat": "35.37012", "lng": "139.58693", "sort": "distance"})
    assert response.status_code == 200
    assert result_names(response)[0] == "ひよこサロン"
    assert "no-store" in response["Cache-Control"]
    html = text(response)
    assert "35.37012" not in html  # only the rounded value is used
    assert "lat=" not in html  # no link carries the location


def test_listing_page_shows_key_facts(client, places):
    response = client.get(places["near"].url)
    html = text(response)
    assert response.status_code == 200
    assert "ひよこサロン" in html and "第2 火曜" in html or "2nd Tuesday" in html
    assert "授乳室" in html or "Nursing room" in html


def test_stale_listing_is_flagged(client, places):
    assert 'class="stale"' in text(client.get(places["nowhere"].url))
    assert 'class="stale"' not in text(client.get(places["near"].url))


def test_map_fetches_no_tiles_unless_a_tile_url_is_configured(client, places):
    response = client.get("/directory/")
    html = text(response)
    assert 'data-tile-url=""' in html
    assert "/static/vendor/leaflet/leaflet.js" in html
    # Nothing from the internet: the only full addresses are the page's own in other languages (hreflang links).
    hosts = set(re.findall(r'(?:src|href)="https?://([^/"]+)', html))
    assert hosts <= {response.wsgi_request.get_host()}
    with override_settings(DIRECTORY_MAP_TILE_URL="https://tiles.example.org/{z}/{x}/{y}.png"):
        assert 'data-tile-url="https://tiles.example.org/{z}/{x}/{y}.png"' in text(client.get("/directory/"))


def test_map_points_are_the_listed_places_with_coordinates(client, places):
    html = text(client.get("/directory/"))
    points = html.split('id="directory-map-points"')[1]
    assert "35.3705" in points and "電話相談" not in points.split("</script>")[0]


def test_next_opening_is_shown_for_each_place(client, places):
    html = text(client.get("/directory/", {"q": "芹が谷"}))
    assert re.search(r"\d+/\d+ \(.+\) 06:00–19:00", html)
