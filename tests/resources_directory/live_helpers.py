"""Shared helpers of the live-status and closure tests: a place open all day, a status set now, a floor-staff user."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from home.permissions import FLOOR_STAFF
from resources_directory.factories import ListingPageFactory
from resources_directory.models import LiveStatus

ALL_DAY = [(weekday, 0, "00:00", "23:59:59") for weekday in range(7)]


def open_all_day(directory, **fields):
    """A place open every day from 00:00 to 23:59:59, so a status set now is shown now (whatever the test's time)."""
    fields.setdefault("hours", ALL_DAY)
    return ListingPageFactory(parent=directory, **fields)


def set_status(listing, state, note="", at=None, by=None):
    status, _created = LiveStatus.objects.update_or_create(
        listing=listing, defaults={"state": state, "note": note, "set_at": at or timezone.now(), "set_by": by}
    )
    return status


def make_floor_user(hub, username="floor"):
    user = get_user_model().objects.create_user(
        username=username, password="test-password-123", email=f"{username}@x.invalid"
    )
    user.groups.add(hub.group(FLOOR_STAFF))
    return user
