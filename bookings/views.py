"""A family books a place, sees its booking and cancels it: plain forms, no account, no JavaScript needed.

Pages with a family's booking are never stored (``Cache-Control: no-store``), never indexed, and send their address
(which holds the booking's secret) to no other site (``Referrer-Policy: same-origin``).
"""

import functools

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from bookings import services
from bookings.availability import booking_state
from bookings.forms import BookingForm, age_label
from bookings.models import Booking
from home.hubs import hub_for_request


def private(response):
    response["X-Robots-Tag"] = "noindex"
    # Not "no-referrer": browsers then send "Origin: null" with the page's own forms, which the CSRF check refuses.
    response["Referrer-Policy"] = "same-origin"
    return response


def bookable_on_this_hub(request, key):
    hub = hub_for_request(request)
    bookable = services.find_bookable(key, hub_path=hub.site.root_page.path if hub else None)
    if bookable is None:
        raise Http404
    return bookable


@never_cache
@sensitive_post_parameters("name", "contact", "child_age_months")
def book(request, key):
    bookable = bookable_on_this_hub(request, key)
    form = BookingForm(request.POST if request.method == "POST" else None)  # an empty POST is bound too
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                booking = services.book(bookable, **form.booking_arguments())
            except services.BookingRefused as refusal:
                form.add_error(refusal.field, refusal.message)
            else:
                return private(redirect("bookings:status", booking.token))
        status = 400
    state = booking_state(bookable)
    context = {"bookable": bookable, "page": bookable.page, "form": form, "state": state}
    context["retention_days"] = settings.BOOKING_RETENTION_DAYS
    return private(render(request, "bookings/book.html", context, status=status))


def with_booking(view):
    """Run ``view(request, booking)`` for the token's booking; a bad or incomplete link, or a booking deleted
    after its session, gets a 404 page that says so (``bookings/not_found.html``)."""

    @functools.wraps(view)
    def wrapped(request, token):
        booking = Booking.from_token(token)
        if booking is None:
            return private(render(request, "bookings/not_found.html", status=404))
        return view(request, booking)

    return wrapped


@never_cache
@with_booking
def status(request, booking):
    row = booking.session_date
    age = None if booking.expecting else age_label(booking.child_age_months)
    context = {"booking": booking, "session_date": row, "page": row.page, "age": age}
    context["retention_days"] = settings.BOOKING_RETENTION_DAYS
    return private(render(request, "bookings/status.html", context))


@never_cache
@require_POST
@with_booking
def cancel(request, booking):
    services.cancel(booking)
    return private(redirect("bookings:status", booking.token))
