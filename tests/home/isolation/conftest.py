"""Two hubs for the cross-hub matrix: hub A is the demo hub (``home``), hub B is made with ``create_hub``.

Hub B holds one object of every kind its staff keep — its home and section pages, a standard page, a program
and a listing (each published, then edited into a draft), an evaluation in its approval workflow, a locked
page, an image and a document in its collection, an area and a goal — each titled with ``SECRET``, live and
draft, so a listing that shows any of them is caught by looking for their titles (``hub_b_titles``).
"""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils.html import escape
from wagtail.log_actions import log
from wagtail.models import Page

from goals.importer.builder import build
from goals.importer.parser import parse
from goals.models import Goal
from home.factories import ProgramPageFactory, ProgramSessionFactory, StandardPageFactory
from home.hub_setup import create_hub
from home.hubs import hub_for_page
from home.models import CustomDocument, CustomImage
from resources_directory.factories import AreaFactory, ListingPageFactory
from tests.conftest import log_in, make_staff_user
from tests.goals.conftest import SAMPLE
from tests.security.test_uploads import png_bytes

SECRET = "HUBBSECRET"
HOST_B = "tsubasa.localhost"
ROLES = ("editor", "reviewer", "manager")
SECTIONS = ("programs", "directory", "evaluations", "about")
# Every page kind of hub B, for the matrices.
PAGE_KINDS = ("home", *SECTIONS, "standard", "program", "listing", "evaluation")


def retitle(page, user, publish=True):
    """Give the page a SECRET live title (published by user) and a different SECRET draft title."""
    page.title = f"{SECRET} {page.title}"
    if publish:
        page.save_revision(user=user, log_action=True).publish(user=user)
    page.title = f"{page.title} 下書き"
    page.save_revision(user=user, log_action=True)
    return Page.objects.get(pk=page.pk).specific


@pytest.fixture
def hub_a(home):
    return hub_for_page(home)


@pytest.fixture
def hub_b(home):
    return create_hub(
        name="つばさ区地域子育て支援拠点 そら", ward="つばさ区", hostname=HOST_B, slug="tsubasa", home_title="そら"
    )


@pytest.fixture
def staff_b(hub_b):
    return {role: make_staff_user(role, hub=hub_b, username=f"{role}-b") for role in ROLES}


@pytest.fixture
def superuser(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("root", "root@x.invalid", "test-password-123")


@pytest.fixture
def b(hub_b, staff_b):
    """Hub B's content, keyed by kind: pages (PAGE_KINDS), "locked", "image", "document", "area", "goal"."""
    editor, manager = staff_b["editor"], staff_b["manager"]
    home = hub_b.site.root_page.specific
    sections = {slug: home.get_children().get(slug=slug).specific for slug in SECTIONS}
    evaluation = build(parse(SAMPLE), sections["evaluations"], user=editor)
    evaluation = retitle(evaluation, editor, publish=False)
    evaluation.get_workflow().start(evaluation, editor)
    area = AreaFactory(hub=hub_b, name=f"{SECRET} 北町", slug="tsubasa-kita")
    goal = Goal.objects.create(evaluation_index=sections["evaluations"], title=f"{SECRET} 目標")
    for row in (area, goal):
        log(row, "wagtail.create", user=editor)
    locked = StandardPageFactory(parent=home, title=f"{SECRET} 施錠", locked=True, locked_by=manager)
    pages = {
        "home": home,
        **sections,
        "standard": StandardPageFactory(parent=home),
        "program": ProgramPageFactory(parent=sections["programs"]),
        "listing": ListingPageFactory(parent=sections["directory"], area=area),
    }
    ProgramSessionFactory(page=pages["program"])
    objects = {kind: retitle(page, manager) for kind, page in pages.items()}
    objects["evaluation"] = Page.objects.get(pk=evaluation.pk).specific
    return {
        **objects,
        "locked": locked,
        "area": area,
        "goal": goal,
        "image": CustomImage.objects.create(
            title=f"{SECRET} 写真", file=SimpleUploadedFile("b.png", png_bytes()), collection=hub_b.collection
        ),
        "document": CustomDocument.objects.create(
            title=f"{SECRET} 資料", file=SimpleUploadedFile("b.pdf", b"%PDF-1.4"), collection=hub_b.collection
        ),
    }


def titles_of(objects):
    titles = set()
    for item in objects.values():
        if isinstance(item, Page):
            item = Page.objects.get(pk=item.pk)
            titles |= {item.title, item.draft_title}
        else:
            titles.add(str(item))
    return {title for title in titles if SECRET in title}


@pytest.fixture
def hub_b_titles(b):
    return titles_of(b)


def shown(response, titles):
    """The titles among these that the response shows (HTML, or JSON with its escapes undone)."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    body = content.decode(errors="replace")
    if response.get("Content-Type", "").startswith("application/json"):
        body = json.dumps(json.loads(body), ensure_ascii=False)
    return sorted(title for title in titles if title in body or escape(title) in body)


@pytest.fixture
def client_as(client):
    """A client logged in as the given user (Managers and superusers with their second factor)."""

    def login(user):
        client.logout()
        return log_in(client, user)

    return login


@pytest.fixture
def root_client(superuser):
    """A second client, logged in as a superuser: reads forms the tested user may not open."""
    return log_in(Client(), superuser)
