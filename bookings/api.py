"""JSON API for bookable program dates and bookings (documented in the OpenAPI schema, ``bookings.api_schema``).

    GET  /api/v1/programs/occurrences/?from=YYYY-MM-DD&days=N&bookable=1&hub=…   program dates, with places left
    POST /api/v1/bookings/                       {"occurrence", "name", "contact", "child_age_months", ...} → 201
    GET  /api/v1/bookings/<token>/               the booking's status (the token is its secret: no login)
    POST /api/v1/bookings/<token>/cancel/        cancel it (the first waiting family moves up)

Bad input is a 400 with messages per field (the booking form's own validation, so the page and the API agree);
a date that cannot take the booking now (full, closed, called off) is a 409. Booking answers are never stored
by caches, and carry no name or contact: only what the family's app needs to show the booking.
"""

import json
from datetime import timedelta

from django import forms
from django.http import JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Site

from bookings import services
from bookings.availability import attach_places
from bookings.forms import EXPECTING, BookingForm
from bookings.models import Booking
from bookings.notifications import absolute_url
from home.agenda import attach_pages, find_occurrences, today
from home.hub_scope import HubChoiceField, hub_choices, scope_for_site
from search.directory.hubs import hub_json

MAX_DAYS = 31
MAX_DAYS_AWAY = 731  # how far from today ``from`` may be
BOOKING_FIELDS = ("occurrence", "name", "contact", "child_age_months", "adults", "children")


def json_response(body, status=200):
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def errors_response(errors, status=400):
    response = json_response(
        {"errors": {name: [str(m) for m in messages] for name, messages in errors.items()}}, status
    )
    response["Cache-Control"] = "no-store"
    return response


class OccurrencesQuery(forms.Form):
    from_ = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
    days = forms.IntegerField(required=False, min_value=1, max_value=MAX_DAYS)
    bookable = forms.TypedChoiceField(
        required=False,
        choices=[("", ""), ("1", "1"), ("true", "true"), ("0", "0"), ("false", "false")],
        coerce=lambda value: value in ("1", "true"),
    )
    hub = HubChoiceField(required=False, choices=())

    def __init__(self, data, hubs):
        data = data.copy()
        if "from" in data:
            data.setlist("from_", data.pop("from"))
        super().__init__(data)
        self.fields["hub"].choices = hub_choices(hubs)

    def clean_from_(self):
        day = self.cleaned_data["from_"]
        if day is not None and abs((day - today()).days) > MAX_DAYS_AWAY:
            raise forms.ValidationError(_("Choose a day within two years of today."))
        return day

    def field_errors(self):
        return {("from" if name == "from_" else name): messages for name, messages in self.errors.items()}


def occurrence_json(occurrence, request):
    """One date; ``occurrence.bookable`` (``bookings.availability.attach_places``) has its places, if any."""
    page = occurrence.page
    places = occurrence.bookable
    bookable = places is not None
    return {
        "id": occurrence.key,
        "title": occurrence.title,
        "url": page.get_full_url(request),
        "start": occurrence.start.isoformat(),
        "end": occurrence.end.isoformat(),
        "hub": hub_json(occurrence.hub),
        "place": page.place,
        "cancelled": occurrence.cancelled,
        "cancel_reason": occurrence.cancel_reason or None,
        "bookable": bookable,
        "capacity": places.capacity if bookable else None,
        "places_left": places.places_left if bookable else None,
        "waiting_places_left": places.waiting_places_left if bookable else None,
        "booking_open": places.is_open() if bookable else False,
        "booking_opens": places.opens_at.isoformat() if bookable and places.opens_at else None,
        "booking_url": absolute_url(page, reverse("bookings:book", args=[occurrence.key])) if bookable else None,
    }


@require_GET
def occurrences_api(request):
    scope = scope_for_site(Site.find_for_request(request))
    query = OccurrencesQuery(request.GET, scope.hubs)
    unknown = sorted(set(request.GET) - {"from", "days", "bookable", "hub"})
    if not query.is_valid() or unknown:
        return errors_response({**query.field_errors(), **{name: [_("Unknown parameter.")] for name in unknown}})
    data = query.cleaned_data
    start = data["from_"] or today()
    days = data["days"] or 14
    scope.choose(data["hub"])
    occurrences = attach_pages(find_occurrences(start, start + timedelta(days=days - 1), hubs=scope.selected or None))
    attach_places(occurrences)
    if data["bookable"]:
        occurrences = [occurrence for occurrence in occurrences if occurrence.bookable is not None]
    results = [occurrence_json(occurrence, request) for occurrence in occurrences]
    response = json_response({"count": len(results), "from": start.isoformat(), "days": days, "results": results})
    response["Cache-Control"] = "no-cache"  # places left change with every booking
    return response


def booking_json(booking, request):
    row = booking.session_date
    token = booking.token
    return {
        "status": booking.status,
        "occurrence": row.key if row.session_id else None,
        "title": row.page.title,
        "url": row.page.get_full_url(request),
        "start": timezone.localtime(row.start).isoformat(),
        "end": timezone.localtime(row.end).isoformat(),
        "cancelled_by_hub": row.cancelled,
        "cancel_reason": row.cancel_reason or None,
        "status_url": absolute_url(row.page, reverse("bookings:api_status", args=[token])),
        "cancel_url": absolute_url(row.page, reverse("bookings:api_cancel", args=[token])),
        "page_url": absolute_url(row.page, reverse("bookings:status", args=[token])),
    }


def booking_response(booking, request, status=200):
    response = json_response(booking_json(booking, request), status)
    response["Cache-Control"] = "no-store"
    return response


def parse_booking_body(request):
    """The form data of a JSON booking request, or a dict of errors."""
    try:
        body = json.loads(request.body or b"")
    except (ValueError, UnicodeDecodeError):
        return None, {"body": [_("Send a JSON object.")]}
    if not isinstance(body, dict):
        return None, {"body": [_("Send a JSON object.")]}
    errors = {name: [_("Unknown field.")] for name in sorted(set(body) - set(BOOKING_FIELDS))}
    data = {}
    for name in BOOKING_FIELDS:
        value = body.get(name)
        if value is None:
            continue
        if (
            name in ("adults", "children", "child_age_months")
            and isinstance(value, int)
            and not isinstance(value, bool)
        ):
            data[name] = str(value)
        elif isinstance(value, str) and (name not in ("adults", "children", "child_age_months") or value == EXPECTING):
            data[name] = value
        else:
            errors[name] = [_("This value has the wrong type.")]
    return data, errors


@csrf_exempt  # no cookie or session is read: nothing for a forged request to ride on
@never_cache
@sensitive_post_parameters()
@require_POST
def create_booking_api(request):
    data, errors = parse_booking_body(request)
    if data is None:
        return errors_response(errors)
    data.setdefault("adults", "1")
    data.setdefault("children", "1")
    form = BookingForm(data)
    form.is_valid()
    errors.update(form.errors)
    bookable = services.find_bookable(data.get("occurrence", ""))
    if bookable is None and "occurrence" not in errors:
        errors["occurrence"] = [_("There is no bookable session with this id.")]
    if errors:
        return errors_response(errors)
    try:
        booking = services.book(bookable, **form.booking_arguments())
    except services.BookingRefused as refusal:
        if refusal.field:
            return errors_response({refusal.field: [refusal.message]})
        return errors_response({"occurrence": [refusal.message]}, status=409)
    response = booking_response(booking, request, status=201)
    response["Location"] = booking_json(booking, request)["status_url"]
    return response


def _booking_or_404(token):
    booking = Booking.from_token(token)
    if booking is None:
        return None, errors_response({"token": [_("There is no booking with this token.")]}, status=404)
    return booking, None


@never_cache
@require_GET
def booking_status_api(request, token):
    booking, missing = _booking_or_404(token)
    return missing or booking_response(booking, request)


@csrf_exempt
@never_cache
@require_POST
def cancel_booking_api(request, token):
    booking, missing = _booking_or_404(token)
    if missing:
        return missing
    services.cancel(booking)
    booking.refresh_from_db()
    return booking_response(booking, request)
