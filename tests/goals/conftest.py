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
