"""What a family sees about a place today: its shown live status, its coming closure (its own or its hub's) and its
next opening honouring both. One function for the listing page, the result cards, the map, the APIs.

``annotate(items, now)`` works on listing pages that already carry their hours and closures (prefetched) and their
``hub`` (a HubSettings or None): two queries (the statuses of these places, the hubs' closures), whatever the count.
Staff set a status on the Japanese listing; its translations (same ``translation_key``) show the same status.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import F
from django.utils.translation import gettext

from resources_directory.models.hours import next_opening
from resources_directory.models.live import (
    HubClosure,
    LiveState,
    LiveStatus,
    closure_text,
    coming_closure,
    local,
    shown_status,
)


def hub_closures(hub_ids, today):
    """{hub id: [HubClosure not ended by ``today``]} in one query."""
    found = {}
    if not hub_ids:
        return found
    for closure in HubClosure.objects.filter(hub_id__in=set(hub_ids), end_date__gte=today).order_by("start_date"):
        found.setdefault(closure.hub_id, []).append(closure)
    return found


def statuses_of(items):
    """{translation key: LiveStatus} of these listings, whatever their language, in one query."""
    keys = {item.translation_key for item in items}
    rows = LiveStatus.objects.filter(
        listing__translation_key__in=keys, listing__locale__language_code=settings.LANGUAGE_CODE
    ).annotate(key=F("listing__translation_key"))
    return {row.key: row for row in rows}


def annotate(items, now=None, closures_by_hub=None):
    """Set ``next_open``, ``live`` ((LiveStatus, until) or None), ``coming_closure``, ``closed_today`` and
    ``hub_closures`` on each item; returns the items."""
    now = local(now)
    today = now.date()
    statuses = statuses_of(items)
    if closures_by_hub is None:
        closures_by_hub = hub_closures([i.hub.pk for i in items if getattr(i, "hub", None) is not None], today)
    for item in items:
        hub = getattr(item, "hub", None)
        hours = list(item.opening_hours.all())
        item.hub_closures = closures_by_hub.get(hub.pk if hub else None, [])
        closures = list(item.closures.all()) + item.hub_closures
        item.next_open = next_opening(hours, closures, now)
        item.live = shown_status(statuses.get(item.translation_key), hours, closures, now)
        item.coming_closure = coming_closure(closures, today)
        item.closed_today = any(closure.covers(today) for closure in closures)
    return items


def annotate_page(page, now=None):
    """The same for one listing page (its own page, the Wagtail API): finds its hub."""
    from home.hubs import hub_for_page

    if not hasattr(page, "hub"):
        page.hub = hub_for_page(page)
    return annotate([page], now)[0]


def expires_in(items, now=None, ceiling=None):
    """Seconds until what ``annotate`` showed may change by itself (a status's period ends, the day ends), capped
    at ``ceiling``: a cached page is kept no longer than that."""
    now = local(now)
    moments = [item.live[1] for item in items if getattr(item, "live", None)]
    moments.append(now.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1))
    seconds = max(0, int((min(moments) - now).total_seconds()))
    return seconds if ceiling is None else min(seconds, ceiling)


def status_json(item):
    """``{"state", "note", "set_at"}`` of the shown status, or None."""
    if not getattr(item, "live", None):
        return None
    status = item.live[0]
    return {"state": status.state, "note": status.note, "set_at": local(status.set_at).isoformat()}


def live_status_text(item):
    """「満員です（12時まで入室制限）10:32」: the status shown now, or ""."""
    live = getattr(item, "live", None)
    if not live:
        return ""
    status = live[0]
    note = gettext("(%(note)s)") % {"note": status.note} if status.note else ""
    return f"{LiveState(status.state).label}{note} {local(status.set_at):%H:%M}"


def closure_json(item):
    closure = getattr(item, "coming_closure", None)
    if closure is None:
        return None
    return {"start": closure.start_date.isoformat(), "end": closure.end_date.isoformat(), "note": closure.note}


__all__ = ["annotate", "annotate_page", "closure_text", "expires_in", "hub_closures", "status_json"]
