"""The booking form fuzzed with hypothesis: whatever a family (or a bot) types in any field, the answer is the
form again with its messages (400, nothing saved) or the booking (302, one booking saved), never a 500."""

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from bookings.models import Booking

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
GOOD = {"name": "山田 花子", "contact": "hanako@example.jp", "child_age_months": "4", "adults": "1", "children": "1"}
FIELDS = [*GOOD, "website"]
any_text = st.text(max_size=200)
values = st.one_of(
    any_text, st.sampled_from(["", "0", "-1", "expecting", "5", "99999999999999999999", "０４５１２３４５６７８"])
)
# Some fields replaced by anything, some left out, the rest good: the good answers must still be reached.
forms = st.dictionaries(st.sampled_from(FIELDS), values, max_size=3).flatmap(
    lambda changes: st.sets(st.sampled_from(list(GOOD)), max_size=1).map(
        lambda missing: {key: value for key, value in {**GOOD, **changes}.items() if key not in missing}
    )
)


@pytest.fixture
def date(bookable):
    """One date with room for every example (the fixture runs once for all of hypothesis' examples)."""
    return bookable(capacity=500, waitlist_size=0)


@pytest.mark.django_db
@FUZZ
@given(data=forms)
def test_any_text_in_any_field_gives_the_form_or_the_booking_never_an_error(client, date, data):
    before = Booking.objects.count()
    response = client.post(f"/book/{date.key}/", data)
    assert response.status_code in (200, 302, 400)
    event(f"HTTP {response.status_code}")
    if response.status_code == 302:
        assert Booking.objects.count() == before + 1
    else:
        assert response.status_code == 400 and Booking.objects.count() == before
        assert "booking-errors" in response.content.decode()
