"""The CSV import at city size: hundreds of rows in one go, as a visitor, an editor and the search see them.

Real SQLite, no mocks: rows are written in bulk (resources_directory/publishing.py), yet every imported listing is
found by the directory search, served at its URL, listed in the admin explorer with a revision in its history,
and an error anywhere leaves nothing behind. The query count stays nearly flat in the number of rows.
"""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageLogEntry, ReferenceIndex, Revision

from resources_directory.importer import import_csv_bytes
from resources_directory.models import ListingPage
from resources_directory.opendata import COLUMNS
from search.directory import search_directory
from search.models import ListingDocument
from tests.conftest import log_in

# Distinct, searchable names: a place word and a made-up kana word per row.
SYLLABLES = "かきくけこさしすせそたちつてとなにぬねのはひふへほまみむめも"


def word(n):
    return "".join(SYLLABLES[(n // len(SYLLABLES) ** i) % len(SYLLABLES)] for i in range(3)) + "ぽん"


def row(n, **overrides):
    values = {
        "id": f"imported-{n}",
        "name": f"{word(n)}広場",
        "alternate_name": f"{word(n)}ひろば",
        "description": "親子で遊べる広場（テスト）",
        "organization_name": "港南区社会福祉協議会",
        "categories": "salon" if n % 2 else "salon;park",
        "area": "hino" if n % 3 else "konandai",
        "address_1": "横浜市港南区日野",
        "postal_code": "234-0054",
        "latitude": f"{35.37 + (n % 50) / 1000:.4f}",
        "longitude": f"{139.58 + (n % 40) / 1000:.4f}",
        "minimum_age_months": "0",
        "maximum_age_months": "36",
        "booking_required": "false",
        "schedules": "TU 10:00-11:30; -1FR 13:00-15:00",
        "closures": "2026-12-28/2027-01-04 年末年始",
        "amenities": "nursing_room;parking",
        "assured_date": "2026-10-01",
    }
    values.update(overrides)
    return values


def csv_bytes(rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n", restval="")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def counts():
    return {
        "pages": ListingPage.objects.count(),
        "documents": ListingDocument.objects.count(),
        "revisions": Revision.objects.count(),
        "log entries": PageLogEntry.objects.count(),
        "references": ReferenceIndex.objects.count(),
    }


def test_three_hundred_rows_are_searchable_served_and_in_the_admin_with_history(
    client, directory, taxonomy, staff, django_capture_on_commit_callbacks
):
    rows = [row(n) for n in range(300)]
    with django_capture_on_commit_callbacks(execute=True):
        report = import_csv_bytes(csv_bytes(rows), directory)
    assert report.errors == [] and (report.created, report.updated) == (300, 0)
    pages = {page.slug: page for page in ListingPage.objects.child_of(directory).select_related("latest_revision")}
    assert len(pages) == 300
    directory.refresh_from_db()
    assert directory.numchild == 300
    for values in rows:
        page = pages[values["id"]]
        found = search_directory({"q": values["name"]}, facets=False)
        assert page.pk in [item.pk for item in found.items], values["name"]
        assert page.live and not page.has_unpublished_changes and page.first_published_at
        assert page.translation_key and page.url_path == f"{directory.url_path}{values['id']}/"
        assert page.latest_revision_id == page.live_revision_id
        assert page.latest_revision.as_object().title == values["name"]
        assert client.get(page.url).status_code == 200
    one = ListingPage.objects.get(slug="imported-7")
    assert list(one.opening_hours.values_list("weekday", "week_of_month")) == [(1, 0), (4, -1)]
    assert [c.slug for c in one.categories.all()] == ["park", "salon"] or one.categories.count() == 1
    assert ListingPage.objects.search(rows[7]["name"]).count() >= 1  # Wagtail's own index (admin search)
    assert ReferenceIndex.objects.filter(object_id=str(one.pk)).exists()  # "usage" of the area and categories

    admin = log_in(client, staff["manager"])
    explorer = admin.get(f"/admin/pages/{directory.pk}/?ordering=title")
    assert explorer.status_code == 200 and rows[0]["name"] in explorer.content.decode()
    history = admin.get(f"/admin/pages/{one.pk}/history/")
    assert history.status_code == 200
    assert PageLogEntry.objects.filter(page=one, action="wagtail.publish", revision=one.latest_revision).exists()
    assert admin.get(f"/admin/pages/{one.pk}/revisions/{one.latest_revision_id}/view/").status_code == 200
    assert admin.get(f"/admin/pages/{one.pk}/edit/").status_code == 200


def test_an_update_row_changes_the_existing_listing_and_adds_to_its_history(places, directory):
    near = places["near"]
    near.save_revision().publish()
    revisions_before = Revision.objects.filter(object_id=str(near.pk)).count()
    data = csv_bytes([row(1, id="near", name="ひよこサロン日野", schedules="WE 09:00-10:00", categories="park")])
    report = import_csv_bytes(data, directory)
    assert report.errors == [] and (report.created, report.updated) == (0, 1)
    page = ListingPage.objects.get(pk=near.pk)
    assert page.title == page.draft_title == "ひよこサロン日野" and page.url_path == near.url_path
    assert list(page.opening_hours.values_list("weekday", "opens")) == [(2, near.opening_hours.get().opens)] or (
        page.opening_hours.get().weekday == 2
    )
    assert [c.slug for c in page.categories.all()] == ["park"]
    assert Revision.objects.filter(object_id=str(near.pk)).count() == revisions_before + 1
    assert page.latest_revision_id == page.live_revision_id and page.latest_revision.as_object().title == page.title
    assert PageLogEntry.objects.filter(page=page, action="wagtail.rename").exists()
    assert [item.pk for item in search_directory({"q": "ひよこサロン日野"}, facets=False).items] == [near.pk]
    assert ListingPage.objects.child_of(directory).count() == 4


def test_an_error_in_the_last_row_leaves_nothing(directory, taxonomy):
    before = counts()
    rows = [row(n) for n in range(299)] + [row(299, latitude="north")]
    report = import_csv_bytes(csv_bytes(rows), directory)
    assert report.lines() == ["line 301, column latitude: Not a valid value: 'north'."]
    assert counts() == before
    directory.refresh_from_db()
    assert directory.numchild == 0


def test_a_dry_run_validates_everything_and_writes_nothing(directory, taxonomy):
    before = counts()
    report = import_csv_bytes(csv_bytes([row(n) for n in range(50)]), directory, dry_run=True)
    assert report.errors == [] and report.created == 50
    assert counts() == before


def test_a_new_row_may_not_take_the_slug_of_another_page_in_the_directory(directory, taxonomy):
    from wagtail.models import Page

    directory.add_child(instance=Page(title="別の種類", slug="taken"))
    report = import_csv_bytes(csv_bytes([row(1, id="taken")]), directory)
    assert report.lines()[0].startswith("line 2, column id: ")
    assert not ListingPage.objects.filter(slug="taken").exists()


@pytest.mark.parametrize("size", [20, 200])
def test_queries_grow_far_slower_than_rows(directory, taxonomy, size):
    """The per-row path issued dozens of queries a row; the bulk path a few per batch of hundreds."""
    data = csv_bytes([row(n) for n in range(size)])
    with CaptureQueriesContext(connection) as queries:
        report = import_csv_bytes(data, directory)
    assert report.created == size
    assert len(queries) < 40 + size // 4, len(queries)


def test_an_import_retires_cached_public_pages(
    client, directory, taxonomy, settings, tmp_path, django_capture_on_commit_callbacks
):
    """The public page cache (cms/page_cache.py) is bumped when the import commits, as a publish retires pages."""
    from cms import page_cache

    settings.PAGE_CACHE_SECONDS = 60
    settings.CACHES = {
        **settings.CACHES,
        **{
            alias: {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path / alias)}
            for alias in ("pages", "page_versions")
        },
    }
    assert "あおぞら広場" not in client.get(directory.url).content.decode()  # now stored in the cache
    version = page_cache.current_version()
    data = csv_bytes([row(1, id="aozora", name="あおぞら広場", alternate_name="あおぞらひろば")])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert import_csv_bytes(data, directory).errors == []
    assert sum(1 for callback in callbacks if getattr(callback, "page_cache_block", None)) <= 1
    assert page_cache.current_version() != version
    assert "あおぞら広場" in client.get(directory.url).content.decode()
