"""``open_now``: the listings open at this moment, read from the database for every backend alike.

A place is open now when one of its opening periods for today's rules (every week, 第n, last) contains the time,
no closure covers today (its own, or its hub's ``HubClosure``), and its staff have not set "closed" today. The ids
go to the backend as a filter (``DirectoryQuery.only_ids``), so the database and the engine rank, count and
facet the same set, and a status change needs no reindex. A status set on a listing holds for its translations.
"""

from django.utils import timezone


def open_now_ids(now=None):
    """Sorted ids of the listings open at ``now`` (aware). Four small queries whatever the number of listings."""
    from home.hub_scope import below
    from resources_directory.filters import rules_for
    from resources_directory.models import Closure, HubClosure, ListingPage, LiveState, LiveStatus, OpeningHours

    now = timezone.localtime(now) if now is not None else timezone.localtime()
    today, moment = now.date(), now.time()
    hours = OpeningHours.objects.filter(
        weekday=today.weekday(), week_of_month__in=rules_for(today), opens__lte=moment, closes__gt=moment
    )
    ids = set(hours.values_list("page_id", flat=True))
    ids -= set(Closure.objects.filter(start_date__lte=today, end_date__gte=today).values_list("page_id", flat=True))
    closed_hubs = HubClosure.objects.filter(start_date__lte=today, end_date__gte=today).select_related(
        "hub__site__root_page"
    )
    paths = sorted({closure.hub.site.root_page.path for closure in closed_hubs})
    if paths and ids:
        ids -= set(ListingPage.objects.filter(below(paths)).values_list("pk", flat=True))
    start_of_day = now.replace(hour=0, minute=0, second=0, microsecond=0)
    closed = LiveStatus.objects.filter(state=LiveState.CLOSED, set_at__gte=start_of_day, set_at__lte=now)
    closed_keys = closed.values("listing__translation_key")  # the Japanese listing's status holds for its translations
    ids -= set(ListingPage.objects.filter(translation_key__in=closed_keys).values_list("pk", flat=True))
    return sorted(ids)
