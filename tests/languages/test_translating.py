"""Editors translate in wagtail-localize's editor and by PO file, in their own hub only.

The round trip a hub's editor makes: "Translate this page" (English), one string typed in the translation editor, the
rest from a translator's PO file (downloaded, filled with polib, uploaded), publish; the English page shows it. Hub
B's staff can neither start a translation of hub A's page nor download or upload its PO file; evaluations are never
translated.
"""

import io

import polib
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, Translation

from goals.models import EvaluationIndexPage
from home.hub_setup import create_hub
from resources_directory.factories import ListingPageFactory
from resources_directory.models import Category, DirectoryPage
from tests.conftest import log_in, make_city_user, make_staff_user
from tests.languages.conftest import translate

ENGLISH = {
    "こうなん子育てサロン": "Konan parent and baby group",
    "赤ちゃんと一緒に遊べるサロンです。": "A drop-in group where you can play with your baby.",
}


@pytest.fixture
def listing(home):
    directory = DirectoryPage.objects.child_of(home).get()
    return ListingPageFactory(
        parent=directory, slug="salon", title="こうなん子育てサロン", summary="赤ちゃんと一緒に遊べるサロンです。"
    )


@pytest.fixture
def hub_b(home):
    return create_hub(
        name="つばさ区地域子育て支援拠点 そら", ward="つばさ区", hostname="tsubasa.localhost", slug="tsubasa"
    )


def refused(response):
    """Wagtail's admin answers a refusal by sending the user to the dashboard with a message."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


def submit(client, page, code):
    locale = Locale.objects.get(language_code=code)
    return client.post(reverse("wagtail_localize:submit_page_translation", args=[page.pk]), {"locales": [locale.pk]})


def translation_of(page, code):
    return Translation.objects.get(source__object_id=page.translation_key, target_locale__language_code=code)


def filled_po(client, translation):
    response = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert response.status_code == 200
    po = polib.pofile(response.content.decode())
    for entry in po:
        entry.msgstr = ENGLISH.get(entry.msgid, entry.msgstr)
    return str(po).encode()


def upload(client, translation, data):
    url = reverse("wagtail_localize:upload_pofile", args=[translation.pk])
    return client.post(url, {"file": io.BytesIO(data), "next": "/admin/pages/"})


@pytest.mark.django_db
def test_editor_translates_a_listing_in_the_editor_and_by_po_round_trip(
    client, home, listing, django_capture_on_commit_callbacks
):
    editor = make_staff_user("editor")
    log_in(client, editor)
    assert submit(client, listing, "en").status_code == 302
    english = listing.get_translation(Locale.objects.get(language_code="en"))
    assert not english.live
    translation = translation_of(listing, "en")

    # One string in the translation editor (its API), the others from the PO file.
    title = StringSegment.objects.get(source=translation.source, string__data="こうなん子育てサロン")
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, title.pk])
    assert client.put(url, "value=Konan+salon", content_type="application/x-www-form-urlencoded").status_code == 201
    po = filled_po(client, translation)
    assert b"Konan parent and baby group" in po
    assert upload(client, translation, po).status_code == 302

    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes once the request commits
        response = client.post(reverse("wagtailadmin_pages:edit", args=[english.pk]), {"action": "publish"})
    assert response.status_code == 302
    english.refresh_from_db()
    assert english.live and english.title == "Konan parent and baby group"  # the PO file, imported last, wins

    client.logout()
    html = client.get("/en/directory/salon/").content.decode()
    assert "Konan parent and baby group" in html and "A drop-in group where you can play with your baby." in html
    assert "available in Japanese only" not in html
    assert "こうなん子育てサロン" in client.get("/directory/salon/").content.decode()


@pytest.mark.django_db
def test_another_hubs_staff_can_neither_translate_nor_use_the_po_file(client, home, listing, hub_b):
    log_in(client, make_staff_user("editor"))
    submit(client, listing, "en")
    translation = translation_of(listing, "en")
    po = filled_po(client, translation)
    english = listing.get_translation(Locale.objects.get(language_code="en"))
    for role in ("editor", "manager"):
        client.logout()
        log_in(client, make_staff_user(role, hub=hub_b, username=f"{role}-b"))
        assert refused(submit(client, listing, "zh-hans"))
        assert not Page.objects.filter(translation_key=listing.translation_key, locale__language_code="zh-hans")
        assert refused(client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk])))
        assert refused(upload(client, translation, po))
        assert refused(client.get(reverse("wagtailadmin_pages:edit", args=[english.pk])))
    english.refresh_from_db()
    assert english.title == listing.title and not english.live  # nothing imported
    # Positive control: hub B's editor translates hub B's own page.
    directory_b = DirectoryPage.objects.child_of(hub_b.site.root_page).get()
    listing_b = ListingPageFactory(parent=directory_b, slug="sora", title="そらのひろば")
    assert submit(client, listing_b, "en").status_code == 302
    assert listing_b.get_translation_or_none(Locale.objects.get(language_code="en")) is not None


@pytest.mark.django_db
def test_translated_trees_belong_to_their_hub(client, home, listing, hub_b):
    log_in(client, make_staff_user("editor"))
    submit(client, listing, "en")
    english = listing.get_translation(Locale.objects.get(language_code="en"))
    # The English home page (made as an alias) carries the hub's rights: the hub's editor edits the translation.
    assert english.permissions_for_user(make_staff_user("editor", username="editor-a2")).can_edit()
    assert not english.permissions_for_user(make_staff_user("editor", hub=hub_b, username="e-b")).can_edit()


@pytest.mark.django_db
def test_evaluations_are_never_translated(client, home):
    log_in(client, make_staff_user("editor"))
    index = EvaluationIndexPage.objects.child_of(home).get()
    assert submit(client, index, "en").status_code == 404
    assert not Page.objects.filter(translation_key=index.translation_key, locale__language_code="en")


@pytest.mark.django_db
def test_city_staff_translate_categories_and_the_directory_filter_stays_the_same(client, home, listing):
    category = Category.objects.create(name="子育てサロン", slug="salon")
    listing.categories.add(category)
    listing.save_revision().publish()
    log_in(client, make_city_user())
    english = Locale.objects.get(language_code="en")
    url = reverse("wagtail_localize:submit_snippet_translation", args=["resources_directory", "category", category.pk])
    assert client.post(url, {"locales": [english.pk]}).status_code == 302
    translated = category.get_translation(english)
    translated.name = "Parent and baby group"
    translated.save()
    assert Category.objects.filter(slug="salon").count() == 2
    translate(DirectoryPage.objects.child_of(home).get(), "en", title="Places for families")
    client.logout()
    ja = client.get("/directory/", {"category": "salon"}).content.decode()
    en = client.get("/en/directory/", {"category": "salon"}).content.decode()
    assert "こうなん子育てサロン" in ja and "こうなん子育てサロン" in en
    assert "Parent and baby group" in en


def submit_url(page):
    return reverse("wagtail_localize:submit_page_translation", args=[page.pk])


@pytest.mark.django_db
def test_the_translate_button_shows_only_on_pages_the_user_may_translate(client, home, listing):
    log_in(client, make_staff_user("editor"))
    evaluations = EvaluationIndexPage.objects.child_of(home).get()
    assert submit_url(listing) in client.get(reverse("wagtailadmin_pages:edit", args=[listing.pk])).content.decode()
    edit_evaluations = client.get(reverse("wagtailadmin_pages:edit", args=[evaluations.pk]))
    assert submit_url(evaluations) not in edit_evaluations.content.decode()
    explorer = client.get(reverse("wagtailadmin_explore", args=[home.pk])).content.decode()
    assert submit_url(evaluations) not in explorer
    assert submit_url(DirectoryPage.objects.child_of(home).get()) in explorer  # positive control


@pytest.mark.django_db
def test_the_translations_report_lists_only_the_users_hub(client, home, listing, hub_b):
    editor_a, editor_b = make_staff_user("editor"), make_staff_user("editor", hub=hub_b, username="editor-b")
    directory_b = DirectoryPage.objects.child_of(hub_b.site.root_page).get()
    listing_b = ListingPageFactory(parent=directory_b, slug="sora", title="そらのひろば")
    for editor, page in ((editor_a, listing), (editor_b, listing_b)):
        client.logout()
        log_in(client, editor)
        assert submit(client, page, "en").status_code == 302
    report = reverse("wagtail_localize:translations_report")
    results = reverse("wagtail_localize:translations_report_results")
    for user, own, other in ((editor_a, listing, listing_b), (editor_b, listing_b, listing)):
        client.logout()
        log_in(client, user)
        for url in (report, results, f"{report}?source_title={other.title[:3]}"):
            html = client.get(url).content.decode()
            assert other.title not in html, url
        assert own.title in client.get(report).content.decode()
    client.logout()
    log_in(client, get_user_model().objects.create_superuser("admin", "admin@x.invalid", "test-password-123"))
    html = client.get(report).content.decode()
    assert listing.title in html and listing_b.title in html


@pytest.mark.django_db
def test_the_translations_report_asks_for_an_admin_login_and_is_never_cached(client, home):
    report = reverse("wagtail_localize:translations_report")
    for url in (report, reverse("wagtail_localize:translations_report_results")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/"), url
    log_in(client, make_staff_user("editor"))
    assert "no-cache" in client.get(report)["Cache-Control"]
