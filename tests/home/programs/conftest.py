from datetime import time, timedelta

import pytest

from home.agenda import today
from home.factories import ProgramPageFactory, ProgramSessionFactory


@pytest.fixture
def programs_index(home):
    return home.get_children().get(slug="programs").specific


@pytest.fixture
def make_program(programs_index):
    """Create a live program below the programs index with the given sessions (dicts of session fields)."""

    def make(sessions=({},), **fields):
        page = ProgramPageFactory(parent=programs_index, **fields)
        for order, session in enumerate(sessions):
            ProgramSessionFactory(page=page, sort_order=order, **session)
        return page

    return make


@pytest.fixture
def soon():
    """A weekday date a few days ahead (Asia/Tokyo), far from month ends."""
    return today() + timedelta(days=3)


def once(day, start=time(10), end=time(11, 30), **extra):
    return {"frequency": "once", "date": day, "start_time": start, "end_time": end, **extra}
