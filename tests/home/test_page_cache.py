"""The public page cache (cms/page_cache.py): repeat visits are served from it, edits show at once, nothing about a
family is ever stored, staff never see or fill it, and forms on cached pages keep working (fresh CSRF tokens)."""

import pickle
import re
import zlib

import pytest
from django.test import Client

from resources_directory.models import Category
from tests.conftest import log_in


def file_caches(settings, pages, versions):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(pages)},
        "page_versions": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(versions)},
    }


@pytest.fixture
def page_cache(settings, tmp_path):
    """The cache on, in its own folders."""
    settings.PAGE_CACHE_SECONDS = 60
    file_caches(settings, tmp_path / "pages", tmp_path / "versions")
    return tmp_path / "pages"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a content change as if its transaction committed (the cache retires pages when a change commits)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def stored_pages(folder):
    """The cached pages' HTML, read straight from the cache files (Django's file cache: expiry, then zlib pickle)."""
    pages = []
    for path in folder.glob("*.djcache"):
        with path.open("rb") as file:
            pickle.load(file)  # expiry time
            pages.append(pickle.loads(zlib.decompress(file.read()))[1])
    return pages


def title_of(response):
    return re.search(r"<h1>(.*?)</h1>", response.content.decode())[1]


def test_a_repeat_visit_is_served_from_the_cache_until_the_page_is_published(client, home, page_cache, committed):
    about = home.get_children().get(slug="about").specific
    assert title_of(client.get("/about/")) == "はっちについて"
    # A change that does not go through publishing (no signal) is not seen: the page came from the cache.
    type(about).objects.filter(pk=about.pk).update(title="変更（未公開）")
    assert title_of(client.get("/about/")) == "はっちについて"

    about.title = "はっちのご案内"
    with committed():
        about.save_revision().publish()
    assert title_of(client.get("/about/")) == "はっちのご案内"


def test_a_changed_category_retires_cached_directory_pages(client, home, page_cache, committed):
    from resources_directory.factories import CategoryFactory, ListingPageFactory

    directory = home.get_children().get(slug="directory").specific
    salon = CategoryFactory(slug="salon-x", name="サロンA")
    ListingPageFactory(parent=directory, slug="x", title="ひよこサロン", categories=[salon])
    assert "サロンA" in client.get("/directory/?category=salon-x").content.decode()

    Category.objects.filter(pk=salon.pk).update(name="サロンB")  # unseen: no signal
    assert "サロンA" in client.get("/directory/?category=salon-x").content.decode()
    salon.name = "サロンC"
    with committed():
        salon.save()
    assert "サロンC" in client.get("/directory/?category=salon-x").content.decode()


def test_family_searches_are_computed_each_time_and_show_edits_at_once(client, home, page_cache, committed):
    """They are never stored whole, but the listing parts they share with everyone are: edits must show at once."""
    from resources_directory.factories import CategoryFactory, ListingPageFactory

    directory = home.get_children().get(slug="directory").specific
    salon = CategoryFactory(slug="salon-x", name="サロンA")
    place = ListingPageFactory(parent=directory, slug="x", title="ひよこサロン", categories=[salon], min_age_months=0)

    def listing():
        html = client.get("/directory/?age_months=3&category=salon-x").content.decode()
        return re.search(r'<li class="listing".*?</li>', html, re.S)[0]

    assert "サロンA" in listing()
    salon.name = "サロンC"
    with committed():
        salon.save()
    assert "サロンC" in listing()
    place.title = "ひよこサロン・港南"
    with committed():
        place.save_revision().publish()
    assert "ひよこサロン・港南" in listing()


def test_searches_with_a_familys_age_or_location_are_never_stored(client, home, page_cache):
    for path in (
        "/directory/?age_months=3",
        "/directory/?postal_code=234-0054&sort=distance",
        "/directory/?near_area=hino",
        "/directory/?page=abc",  # 400: bad input is not stored either
    ):
        response = client.get(path)
        assert response.status_code in (200, 400)
    response = client.post("/directory/", {"lat": "35.37", "lng": "139.58"})
    assert response.status_code == 200
    assert stored_pages(page_cache) == []

    client.get("/directory/?weekday=2")
    (page,) = stored_pages(page_cache)
    assert "234-0054" not in page and "35.37" not in page


def test_family_parameters_and_search_words_keep_any_page_out_of_the_cache(client, home, page_cache):
    """Every page echoes its address (language switch), so a family parameter anywhere, even repeated or empty,
    keeps the answer out of the cache; the directory also marks it no-store. Search words can be sensitive too."""
    assert client.get("/directory/?q=産後").status_code == 200
    for path in (
        "/about/?age_months=3&postal_code=234-0054&lat=35.37",
        "/directory/?age_months=3&age_months=&postal_code=234-0054&postal_code=",
        "/directory/?postal_code=",
    ):
        response = client.get(path)
        assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert stored_pages(page_cache) == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_committed_publish_retires_the_cached_pages(client, home, settings, tmp_path):
    """Real commits, the same code path again and again (Wagtail's save and publish reuse their atomic blocks)."""
    settings.PAGE_CACHE_SECONDS = 60
    file_caches(settings, tmp_path / "pages", tmp_path / "versions")
    about = home.get_children().get(slug="about").specific
    for title in ("一回目", "二回目", "三回目"):
        client.get("/about/")
        about.title = title
        about.save_revision().publish()
        assert title_of(client.get("/about/")) == title
    about.title = "四回目"
    about.save()  # a plain save of the live page, twice
    assert title_of(client.get("/about/")) == "四回目"
    about.title = "五回目"
    about.save()
    assert title_of(client.get("/about/")) == "五回目"


def test_a_broken_cache_folder_serves_and_publishes_without_the_cache(client, home, settings, tmp_path, caplog):
    settings.PAGE_CACHE_SECONDS = 60
    (tmp_path / "file").write_text("not a folder")
    file_caches(settings, tmp_path / "file" / "pages", tmp_path / "file" / "versions")
    about = home.get_children().get(slug="about").specific
    assert title_of(client.get("/about/")) == "はっちについて"
    about.title = "はっちのご案内"
    about.save_revision().publish()
    assert title_of(client.get("/about/")) == "はっちのご案内"
    assert "page cache unavailable" in caplog.text


def test_staff_with_a_session_neither_get_nor_fill_the_cache(client, home, staff, page_cache):
    anonymous = Client()
    assert "userbar" not in anonymous.get("/about/").content.decode()
    log_in(client, staff["editor"])
    assert "userbar" in client.get("/about/").content.decode()
    client.get("/programs/")
    assert len(stored_pages(page_cache)) == 1  # only the anonymous visit was stored
    assert "userbar" not in anonymous.get("/about/").content.decode()


def test_forms_on_a_cached_page_get_a_fresh_csrf_token_and_still_work(home, page_cache):
    # The directory's "Use my location" button carries the token its script posts the search with (the footer's
    # language form, once the other POST form on a cached page, became plain links with the /en/ addresses).
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.get("/directory/")
    (page,) = stored_pages(page_cache)
    assert "data-csrf=" in page and not re.search(r'data-csrf="\w{64}"', page)

    html = second.get("/directory/").content.decode()  # served from the cache
    token = re.search(r'data-csrf="(\w{64})"', html)[1]
    response = second.post("/directory/", {"lat": "35.383", "lng": "139.581", "csrfmiddlewaretoken": token})
    assert response.status_code == 200 and 'method="post"' in response.content.decode()
    assert second.post("/directory/", {"lat": "35.383", "lng": "139.581"}).status_code == 403  # the token counts
