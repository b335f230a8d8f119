"""Shared by the freshness tests: a stale listing with an address for updates, and the link from its e-mail."""

import re
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.core import mail
from django.utils import timezone

from resources_directory.factories import ListingPageFactory

GROUP_EMAIL = "hiyoko-group@x.invalid"
LINK_RE = re.compile(r"https?://\S+/listing-update/(\S+)/")


def stale_listing(directory, months=7, email=GROUP_EMAIL, **fields):
    fields.setdefault("hours", [(1, 0, "10:00", "11:30")])
    return ListingPageFactory(
        parent=directory,
        last_verified=None if months is None else timezone.localdate() - relativedelta(months=months),
        update_contact_email=email,
        fee="100円",
        **fields,
    )


def link_in(message):
    """The path of the link in a reminder e-mail (the test client asks for the path on its own host)."""
    match = LINK_RE.search(message.body)
    assert match, message.body
    return f"/listing-update/{match.group(1)}/"


def last_link():
    return link_in(mail.outbox[-1])


def days_ago(days):
    return timezone.now() - timedelta(days=days)
