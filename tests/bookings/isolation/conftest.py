"""Hub B (tests.home.isolation) with a bookable date and two families, for the staff admin's cross-hub matrix."""

import pytest

from bookings import services
from tests.bookings.conftest import bookable_session, family
from tests.home.isolation.conftest import SECRET, client_as, hub_b, staff_b, superuser  # noqa: F401


@pytest.fixture
def date_b(hub_b):  # noqa: F811
    """Hub B's bookable date: a family named SECRET has the one place, another waits."""
    index = hub_b.site.root_page.get_children().get(slug="programs").specific
    page, session = bookable_session(index, capacity=1, waitlist_size=2)
    date = services.find_bookable(f"{session.pk}-{session.date:%Y%m%d}")
    services.book(date, **family(1, name=f"{SECRET} 家族", contact="secret@example.jp"))
    services.book(date, **family(2, name=f"{SECRET} 待ち"))
    return date
