"""Property test (hypothesis): any answer a group's form can receive is a 200 (a draft revision, the link used) or a
400 (nothing saved, the link still usable), never a 500; any token in the address is a 400 or 410."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import Revision

from resources_directory import freshness
from resources_directory.models import FreshnessReminder, ListingPage
from tests.resources_directory.freshness_helpers import last_link, stale_listing

FUZZ = settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
FIELDS = ("min_age_months", "max_age_months", "hours", "fee", "booking_info", "phone", "website", "note")

text = st.one_of(
    st.text(max_size=300),
    st.sampled_from(["", " ", "0", "-1", "216", "217", "99999999999999999999", "1e3", "１２", "=cmd|' /C calc'!A0"]),
    st.sampled_from(["https://example.org/", "javascript:alert(1)", "http://", "x" * 3000, "\x00", "日本語"]),
)
answers = st.dictionaries(st.sampled_from(FIELDS), st.one_of(text, st.lists(text, max_size=3)), max_size=len(FIELDS))


@pytest.fixture
def page(directory):
    return stale_listing(directory, min_age_months=0, max_age_months=11)


@pytest.mark.django_db
@FUZZ
@given(data=answers)
def test_the_changes_form_never_fails(client, page, data):
    FreshnessReminder.objects.all().delete()
    freshness.send_reminders()
    revisions = Revision.objects.count()
    live_before = ListingPage.objects.filter(pk=page.pk).values().get()
    response = client.post(f"{last_link()}changes/", data)
    assert response.status_code in (200, 400)
    reminder = FreshnessReminder.objects.get()
    live_after = ListingPage.objects.filter(pk=page.pk).values().get()
    for name in ("fee", "phone", "website", "min_age_months", "max_age_months", "last_verified", "live_revision_id"):
        assert live_after[name] == live_before[name]  # the live listing never changes
    if response.status_code == 400:
        assert Revision.objects.count() == revisions
        assert reminder.used_at is None and reminder.revision_id is None
    else:
        assert Revision.objects.count() == revisions + 1 and reminder.revision_id is not None


@pytest.mark.django_db
@FUZZ
@given(token=st.text(min_size=1, max_size=400).filter(lambda t: "/" not in t and "\x00" not in t))
def test_any_token_is_refused_clearly(client, page, token):
    response = client.get(f"/listing-update/{token}/")
    assert response.status_code in (400, 404, 410)
    assert not FreshnessReminder.objects.filter(used_at__isnull=False).exists()
