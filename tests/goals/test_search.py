"""Every text field of a published evaluation is found by the site search: on the database backend, and on the
engine (marked `engine`, with SEARCH_ENGINE_URL)."""

import os

import pytest

from tests.search.conftest import ENGINE_URL, engine_settings, opensearch  # noqa: F401 — fixtures

# A word of its own in each text field of the document (field, word): no two characters in a row of it appear
# anywhere else in the demo hub, so the search's loose second try cannot find the page through another field.
FIELD_WORDS = [
    ("ward", "わかば区"),
    ("operators", "ペンギンはうす"),
    ("ward_division", "ゆりかご推進課"),
    ("purpose", "すくすく宣言"),
    ("principles", "にこにこルール"),
    ("business_areas", "ぽかぽかひろば"),
    ("evaluation_method", "ふりかえりノート"),
]
GOAL_WORDS = ["沐浴体験", "エリア会議", "母子保健コーディネーター", "夫婦がともに協力"]


def published_evaluation(draft):
    for field, word in FIELD_WORDS:
        current = getattr(draft, field)
        setattr(draft, field, word if field == "ward" else f"{current}\n{word}".strip())
    draft.save_revision().publish()
    return draft


def found(client, word):
    data = client.get("/api/v1/search/", {"q": word}).json()
    return [result["title"] for result in data["results"]], data["backend"]


def check_every_field(client, page, backend):
    for word in [word for _field, word in FIELD_WORDS] + GOAL_WORDS:
        titles, answered_by = found(client, word)
        assert answered_by == backend
        assert page.title in titles, f"{word!r} does not find the evaluation"


def test_every_text_field_is_searchable_on_the_database(draft, client):
    from wagtail.search.backends import get_search_backend

    from goals.models import EvaluationPage
    from search.backends.wagtail_database import build_query

    page = published_evaluation(draft)
    check_every_field(client, page, "database")
    # The strict query alone (the site search tries a loose one when nothing matches): each word is in the index.
    for word in [word for _field, word in FIELD_WORDS] + GOAL_WORDS:
        results = get_search_backend("default").search(build_query(word), EvaluationPage.objects.live())
        assert [result.pk for result in results] == [page.pk], word


@pytest.mark.engine
@pytest.mark.skipif(not ENGINE_URL and not os.environ.get("CI"), reason="SEARCH_ENGINE_URL not set")
def test_every_text_field_is_searchable_on_the_engine(draft, client, request, django_capture_on_commit_callbacks):
    from search import engine as engine_module
    from tests.search.conftest import ENGINE_NAME

    engine_module._engines.clear()
    request.getfixturevalue("opensearch").rebuild()
    with django_capture_on_commit_callbacks(execute=True):
        page = published_evaluation(draft)
    check_every_field(client, page, ENGINE_NAME)
