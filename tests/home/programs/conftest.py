from datetime import time, timedelta

import pytest

from home.agenda import today
from home.factories import ProgramPageFactory, ProgramSessionFactory

# A second hub, requested with HTTP_HOST="tsubasa.localhost" (the first hub is the default site, "konan").
TSUBASA = {
    "name": "つばさ区地域子育て支援拠点 そら",
    "ward": "つばさ区",
    "hostname": "tsubasa.localhost",
    "slug": "tsubasa",
}
TSUBASA_HOST = {"HTTP_HOST": TSUBASA["hostname"]}


@pytest.fixture
def programs_index(home):
    return home.get_children().get(slug="programs").specific


def add_program(index, sessions=({},), **fields):
    """A live program below a programs index with the given sessions (dicts of session fields)."""
    page = ProgramPageFactory(parent=index, **fields)
    for order, session in enumerate(sessions):
        ProgramSessionFactory(page=page, sort_order=order, **session)
    return page


@pytest.fixture
def make_program(programs_index):
    """Create a live program below the (first hub's) programs index with the given sessions."""

    def make(sessions=({},), **fields):
        return add_program(programs_index, sessions, **fields)

    return make


def make_hub(**fields):
    """A hub made with create_hub (its site, sections and groups); returns its home page."""
    from home.hub_setup import create_hub

    return create_hub(**fields).site.root_page.specific


@pytest.fixture
def hub_b(home):
    """The second hub's home page (the demo hub ``home`` is the first)."""
    return make_hub(**TSUBASA)


def program_in(hub_home, sessions=({},), **fields):
    """A live program with sessions below a hub's programs index."""
    return add_program(hub_home.get_children().get(slug="programs").specific, sessions, **fields)


@pytest.fixture
def soon():
    """A weekday date a few days ahead (Asia/Tokyo), far from month ends."""
    return today() + timedelta(days=3)


def once(day, start=time(10), end=time(11, 30), **extra):
    return {"frequency": "once", "date": day, "start_time": start, "end_time": end, **extra}
