from pathlib import Path

import pytest

from goals.importer.builder import build
from goals.importer.parser import parse
from goals.models import EvaluationIndexPage

SAMPLE_PATH = Path(__file__).resolve().parents[2] / "goals" / "samples" / "konan_2021.txt"
SAMPLE = SAMPLE_PATH.read_text(encoding="utf-8")


@pytest.fixture
def sample_text():
    return SAMPLE


@pytest.fixture
def evaluations(home):
    """The demo hub's evaluations index (with the 評価書承認 workflow attached by the signal)."""
    return EvaluationIndexPage.objects.child_of(home).get()


@pytest.fixture
def draft(evaluations):
    """The sample imported as a draft, as the importer leaves it."""
    return build(parse(SAMPLE), evaluations)


def evaluation_for_year(evaluations, year):
    """A copy of the sample for another fiscal year (cheap: parsed once, no file access)."""
    parsed = parse(SAMPLE)
    parsed.fiscal_year = year
    parsed.period_start, parsed.period_end = (
        parsed.period_start.replace(year=year),
        parsed.period_end.replace(year=year + 1),
    )
    return build(parsed, evaluations)


def build_documents(evaluations, staff):
    """The index and one evaluation in each state: draft, in ward review, awaiting approval, live."""
    from wagtail.models import Page

    pages = {"index": evaluations, "draft": evaluation_for_year(evaluations, 2021)}
    for name, year in (("review", 2022), ("approval", 2023)):
        page = evaluation_for_year(evaluations, year)
        page.get_workflow().start(page, staff["editor"])
        pages[name] = page
    state = pages["approval"].current_workflow_task_state
    state.task.specific.on_action(state, staff["reviewer"], "approve")
    pages["live"] = evaluation_for_year(evaluations, 2020)
    pages["live"].get_latest_revision().publish()
    return {name: Page.objects.get(pk=page.pk).specific for name, page in pages.items()}
