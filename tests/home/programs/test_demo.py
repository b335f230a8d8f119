from datetime import timedelta
from io import StringIO

from home import program_demo
from home.agenda import today, upcoming_occurrences
from home.business_areas import BusinessArea
from home.life_stages import LifeStage
from home.models import ProgramPage


def test_demo_programs_cover_every_stage_and_area_and_load_once(home):
    program_demo.load(home, StringIO())
    program_demo.load(home, StringIO())
    pages = list(ProgramPage.objects.live())
    assert len(pages) >= 12
    assert {stage for page in pages for stage in page.life_stages} == set(LifeStage.values)
    assert {page.business_area for page in pages} == set(BusinessArea.values)
    for page in pages:
        for session in page.sessions.all():
            session.full_clean()
    soon = upcoming_occurrences(today(), today() + timedelta(days=13))
    assert len(soon) >= 10
    assert all(page.get_latest_revision() for page in pages)
