"""Wagtail's published advisory scenarios that apply to this site, replayed: each must be refused.

Drafts via the API, private pages, preview, history/compare, copy, choosers (GHSA-style permission leaks);
XSS through rich text links and StreamField text; search query ReDoS.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from wagtail.models import PageViewRestriction

from home.factories import StandardPageFactory
from home.models import StandardPage
from tests.conftest import log_in

SECRET = "ないしょの下書き"


@pytest.fixture
def pages(home):
    about = StandardPage.objects.get(slug="about")
    about.title = SECRET
    revision = about.save_revision()  # unpublished draft on a live page
    never_live = StandardPageFactory(parent=home, slug="unpublished", title=SECRET + "2", live=False)
    private = StandardPageFactory(parent=home, slug="members", title=SECRET + "3")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    return {"about": about, "revision": revision, "never_live": never_live, "private": private}


@pytest.fixture
def outsider(client, db):
    """A staff user who may open the admin but has no page permissions at all."""
    user = get_user_model().objects.create_user("outsider", "o@x.invalid", "a-long-test-password-1")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return log_in(client, user)


def test_drafts_and_private_pages_stay_out_of_the_api(client, pages):
    listing = client.get("/api/v2/pages/", {"limit": 50, "fields": "title"}).json()
    ids = {item["id"] for item in listing["items"]}
    assert SECRET not in str(listing)
    assert pages["never_live"].pk not in ids and pages["private"].pk not in ids
    assert client.get(f"/api/v2/pages/{pages['never_live'].pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{pages['private'].pk}/").status_code == 404
    assert SECRET not in client.get(f"/api/v2/pages/{pages['about'].pk}/").content.decode()
    # The API has no draft or revision switch.
    assert SECRET not in client.get("/api/v2/pages/", {"search": SECRET, "fields": "title"}).content.decode()
    assert SECRET not in client.get(f"/api/v2/pages/{pages['about'].pk}/", {"revision": "latest"}).content.decode()


def test_public_site_shows_no_drafts(client, pages):
    assert SECRET not in client.get("/about/").content.decode()
    assert client.get("/unpublished/").status_code == 404
    assert client.get("/members/").status_code == 302  # login required
    results = client.get("/search/", {"q": "ないしょ"}).content.decode()
    assert SECRET + "2" not in results and SECRET + "3" not in results and SECRET + "<" not in results


@pytest.mark.parametrize(
    "url",
    [
        "/admin/pages/{about}/edit/preview/",
        "/admin/pages/{about}/history/",
        "/admin/pages/{about}/revisions/{revision}/view/",
        "/admin/pages/{about}/revisions/compare/earliest...{revision}/",
        "/admin/pages/{about}/edit/",
        "/admin/pages/{about}/copy/",
        "/admin/pages/{never_live}/view_draft/",
    ],
)
def test_admin_views_refuse_anonymous_and_unpermitted_users(client, pages, url):
    url = url.format(about=pages["about"].pk, revision=pages["revision"].pk, never_live=pages["never_live"].pk)
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    outsider_client = log_in(client, _outsider())
    response = outsider_client.get(url)
    assert response.status_code in (302, 403, 404)
    assert SECRET not in response.content.decode()


def _outsider():
    user = get_user_model().objects.create_user("outsider", "o@x.invalid", "a-long-test-password-1")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def test_copy_without_permission_creates_nothing(outsider, pages, home):
    before = StandardPage.objects.count()
    response = outsider.post(
        f"/admin/pages/{pages['about'].pk}/copy/",
        {"new_title": "コピー", "new_slug": "copied", "new_parent_page": home.pk, "copy_subpages": "on"},
    )
    assert response.status_code in (302, 403)
    assert StandardPage.objects.count() == before


@pytest.mark.parametrize(
    "url",
    ["/admin/choose-page/search/?q=x", "/admin/images/chooser/", "/admin/documents/chooser/", "/admin/api/main/pages/"],
)
def test_choosers_and_admin_api_refuse_anonymous_users(client, pages, url):
    # Note: any user with admin access sees page titles in the page chooser (Wagtail's design; docs/security.md).
    response = client.get(url)
    assert response.status_code in (302, 403)
    assert SECRET not in response.content.decode()


@pytest.mark.parametrize(
    "payload",
    [
        '<p><a href="javascript:alert(1)">x</a></p>',
        '<p><a href="JaVaScRiPt:alert(1)">x</a></p>',
        '<p><a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">x</a></p>',
        '<p><a href="vbscript:msgbox(1)">x</a></p>',
        "<p><script>alert(1)</script></p>",
    ],
)
def test_rich_text_from_the_editor_is_sanitised(payload):
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

    converter = ContentstateConverter(features=["bold", "link", "ul", "ol", "image"])
    stored = converter.to_database_format(converter.from_database_format(payload))
    lowered = stored.lower()
    assert "javascript:" not in lowered and "<script" not in lowered and "onerror" not in lowered
    assert "data:text/html" not in lowered and "vbscript:" not in lowered


def test_streamfield_text_is_escaped_on_the_page(client, home):
    StandardPageFactory(
        parent=home,
        slug="xss",
        title="<script>alert(1)</script>",
        body=[
            ("heading", "<img src=x onerror=alert(1)>"),
            ("callout", {"title": "<script>alert(2)</script>", "text": "<p>ok</p>", "tone": "info"}),
        ],
    )
    body = client.get("/xss/").content.decode()
    assert "<script>alert" not in body
    assert "<img src=x onerror" not in body
    assert "&lt;script&gt;" in body


@pytest.mark.parametrize(
    "query", ['"', 'a"b', "(" * 100, "a" * 5000, ".*" * 50 + "x", "(a+)+$" * 15, "\\" * 200, "%" * 300]
)
def test_hostile_search_queries_get_an_answer_not_a_server_error(client, home, query):
    """Regex-like, quote-only or huge queries: a result page or a 400 naming the field, never a 5xx."""
    response = client.get("/search/", {"q": query})
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert "errorlist" in response.content.decode()
    assert client.get("/api/v1/search/", {"q": query}).status_code in (200, 400)
    assert client.get("/api/v2/pages/", {"search": query}).status_code in (200, 400)
