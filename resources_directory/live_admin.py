"""``/admin/live-status/``: the hub's staff tell families what is true right now, in one tap.

A plain form per place (works on a phone with JavaScript off): four buttons (開いています / 混んでいます /
満員です / 閉めました) and an optional note. ``POST /admin/live-status/<listing id>/`` saves it (no revision, no
workflow: it is not page content), writes Wagtail's log on the listing (``resources_directory.live_status``: who,
when, what) and goes back to the list with a confirmation.

Who: that hub's Editors and its ひろばスタッフ (``home.permissions.FLOOR_STAFF``), who need the permission
``resources_directory.set_live_status`` *and* membership of the listing's hub; superusers everywhere. Without the
permission: 403. Another hub's listing: 404, as if it did not exist. A bad state or note: 400, nothing saved.
"""

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponseForbidden
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from wagtail.log_actions import log

from home.hub_admin import hub_pages_q
from home.hubs import all_hubs, hub_finder
from home.permissions import LIVE_STATUS_PERMISSION
from resources_directory.models import ListingPage, LiveState, LiveStatus
from resources_directory.models.live import NOTE_MAX_LENGTH
from resources_directory.today import annotate

LOG_ACTION = "resources_directory.live_status"


def may_set_status(user):
    return user.is_active and user.has_perm(LIVE_STATUS_PERMISSION)


def status_hubs(user):
    """The hubs whose places this user may set the status of: Editors and Floor staff of a hub (superusers: all)."""
    if not may_set_status(user):
        return []
    hubs = all_hubs()
    if not user.is_superuser:
        hubs = hubs.filter(Q(editors__user=user) | Q(floor_staff__user=user)).distinct()
    return list(hubs)


def listings_of(hubs):
    originals = ListingPage.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE)  # not translations
    pages = originals.filter(hub_pages_q(hubs)).order_by("path")
    return pages.prefetch_related("opening_hours", "closures")


def check_input(data):
    """(state, note, errors) of a posted form."""
    state, note = data.get("state", ""), data.get("note", "").strip()
    errors = []
    if state not in LiveState.values:
        errors.append(_("Choose one of the four buttons."))
    if len(note) > NOTE_MAX_LENGTH:
        counts = {"max": NOTE_MAX_LENGTH, "count": len(note)}
        errors.append(_("The note is at most %(max)d characters (it has %(count)d).") % counts)
    return state, note, errors


def refused():
    """403 (Wagtail's admin would turn PermissionDenied into a redirect to the dashboard)."""
    return HttpResponseForbidden(_("You may not set the live status of places."), content_type="text/plain")


def render_list(request, hubs, status=200, errors=(), failed=None, note=""):
    now = timezone.localtime()
    listings = list(listings_of(hubs))
    find = hub_finder(hubs)
    for listing in listings:
        listing.hub = find(listing.path)
    annotate(listings, now)
    context = {
        "listings": listings,
        "hubs": hubs,
        "states": LiveState.choices,
        "errors": errors,
        "failed": failed,
        "note": note,
        "note_max": NOTE_MAX_LENGTH,
    }
    return TemplateResponse(request, "resources_directory/admin/live_status.html", context, status=status)


@require_GET
def live_status_list(request):
    hubs = status_hubs(request.user)
    if not hubs:
        return refused()
    return render_list(request, hubs)


@require_POST
def set_live_status(request, listing_id):
    hubs = status_hubs(request.user)
    if not hubs:
        return refused()
    listing = listings_of(hubs).filter(pk=listing_id).first()
    if listing is None:
        raise Http404
    state, note, errors = check_input(request.POST)
    if errors:
        return render_list(request, hubs, status=400, errors=errors, failed=listing.pk, note=note[:200])
    with transaction.atomic():
        LiveStatus.objects.update_or_create(
            listing=listing,
            defaults={"state": state, "note": note, "set_at": timezone.now(), "set_by": request.user},
        )
        log(instance=listing, action=LOG_ACTION, user=request.user, data={"state": state, "note": note})
    label = LiveState(state).label
    messages.success(request, _("%(place)s: set to “%(state)s”.") % {"place": listing.title, "state": label})
    return redirect("resources_directory_live_status")
