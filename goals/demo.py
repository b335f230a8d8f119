"""Demo evaluations: each hub's documents from its data set (``goals.demo_data.<hub slug>.documents``), built
the way a hub's staff import them (the importer's parser and builder), then published so the goal chain, the
timeline and the city's view show. Idempotent: a year the hub already has is left as it is (published).
"""

from pathlib import Path

from goals.importer.builder import build
from goals.models import EvaluationIndexPage, EvaluationPage
from home.demo import demo_data

SAMPLES = Path(__file__).resolve().parent / "samples"


def read_sample(name):
    return (SAMPLES / name).read_text(encoding="utf-8")


def load(home, stdout=None):
    data = demo_data("goals", home)
    index = EvaluationIndexPage.objects.child_of(home).first()
    if index is None or data is None:
        return
    for parsed in data.documents(read_sample):
        page = EvaluationPage.objects.child_of(index).filter(fiscal_year=parsed.fiscal_year).first()
        if page is None:
            page = build(parsed, index)
        if not page.live:
            page.get_latest_revision().publish()
    if stdout is not None:
        count = EvaluationPage.objects.child_of(index).live().count()
        stdout.write(f"Evaluations of {home.title}: {count} published")
