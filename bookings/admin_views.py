"""Admin: a hub's booked dates and each date's families (/admin/bookings/…), for that hub's Editors and Managers.

Plain forms (no JavaScript needed). Who may do what (``bookings.staff.booking_hubs``): a user without any booking
right gets 403; a date of a hub whose bookings the user does not keep answers 404, as if it did not exist.
Every change goes through ``bookings.services`` (row lock, waiting list, e-mails) and is recorded in the program
page's history without personal data (``bookings.wagtail_hooks``). No response with bookings is ever stored by a
cache (``Cache-Control: no-store, private``).
"""

import functools

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from wagtail.log_actions import log

from bookings import services
from bookings.admin_forms import AttendanceForm, CancelDateForm, PhoneBookingForm
from bookings.forms import age_label
from bookings.models import BookingStatus
from bookings.staff import booking_hubs, booking_of, find_date, list_dates
from cms.csv_export import csv_response


def staff_view(action):
    """Views for users holding ``bookings.<action>_booking`` (else 403); responses never cached."""

    def decorate(view):
        @functools.wraps(view)
        def guarded(request, *args, **kwargs):
            if not request.user.has_perm(f"bookings.{action}_booking"):
                context = {"page_title": _("Bookings")}
                return TemplateResponse(request, "bookings/admin/forbidden.html", context, status=403)
            return view(request, *args, **kwargs)

        return never_cache(guarded)

    return decorate


def date_or_404(request, key, action="view"):
    date = find_date(booking_hubs(request.user, action), key)
    if date is None:
        raise Http404
    return date


def record(request, date, action, **data):
    """The action in the program page's history: the date and counts, never a family's name or contact."""
    when = timezone.localtime(date.start)
    log(date.page, action, user=request.user, data={"key": date.key, "start": f"{when:%Y-%m-%d %H:%M}", **data})


def back(date):
    return redirect("bookings_admin:date", date.key)


@staff_view("view")
def index(request):
    hubs = list(booking_hubs(request.user))
    every_program = request.GET.get("every") == "1"
    dates = list_dates(hubs, every_program=every_program)
    now = timezone.now()
    context = {
        "page_title": _("Every program date") if every_program else _("Bookings"),
        "every_program": every_program,
        "coming": [date for date in dates if date.end > now],
        "past": [date for date in reversed(dates) if date.end <= now],
        "show_hub": len(hubs) > 1,
    }
    return TemplateResponse(request, "bookings/admin/index.html", context)


def render_date(request, date, phone_form=None, attendance_form=None, status=200):
    context = {
        "page_title": date.page.title,
        "date": date,
        "confirmed": date.with_status(BookingStatus.CONFIRMED),
        "waiting": date.with_status(BookingStatus.WAITLISTED),
        "cancelled": date.with_status(BookingStatus.CANCELLED),
        "phone_form": phone_form or PhoneBookingForm(),
        "attendance_form": attendance_form or AttendanceForm(row=date.row),
        "may_change": booking_hubs(request.user, "change").filter(pk=getattr(date.hub, "pk", None)).exists(),
        "may_add": booking_hubs(request.user, "add").filter(pk=getattr(date.hub, "pk", None)).exists(),
    }
    return TemplateResponse(request, "bookings/admin/date.html", context, status=status)


@staff_view("view")
def date_view(request, key):
    return render_date(request, date_or_404(request, key))


@staff_view("change")
@require_POST
def attendance(request, key):
    date = date_or_404(request, key, "change")
    form = AttendanceForm(request.POST, row=date.row)
    if not form.is_valid():
        return render_date(request, date, attendance_form=form, status=400)
    came = {booking.pk for booking in form.cleaned_data["attended"]}
    with transaction.atomic():
        confirmed = date.row.bookings.filter(status=BookingStatus.CONFIRMED) if date.row else None
        if confirmed is not None:
            confirmed.filter(pk__in=came).update(attended=True)
            confirmed.exclude(pk__in=came).update(attended=False)
        record(request, date, "bookings.attendance", attended=len(came))
    messages.success(request, _("Attendance saved."))
    return back(date)


@staff_view("change")
@require_POST
def cancel_booking(request, key, booking_id):
    date = date_or_404(request, key, "change")
    booking = booking_of(date, booking_id)
    if booking is None:
        raise Http404
    waiting_before = date.waitlisted
    if services.cancel(booking):
        moved_up = waiting_before - date.row.bookings.filter(status=BookingStatus.WAITLISTED).count()
        record(request, date, "bookings.cancel", booking=booking.pk, moved_up=moved_up)
        if moved_up:
            messages.success(request, _("Booking cancelled. The first waiting family moved up and was told."))
        else:
            messages.success(request, _("Booking cancelled."))
    else:
        messages.warning(request, _("This booking was already cancelled."))
    return back(date)


@staff_view("add")
@require_POST
@sensitive_post_parameters("phone-name", "phone-contact", "phone-child_age_months")
def add_booking(request, key):
    date = date_or_404(request, key, "add")
    form = PhoneBookingForm(request.POST)
    valid, bookable = form.is_valid(), date.bookable
    if bookable is None or date.ended:
        form.add_error(None, _("This date takes no more bookings."))
    elif valid:
        try:
            booking = services.book(bookable, **form.booking_arguments(), by_staff=True)
        except services.BookingRefused as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            record(request, date, "bookings.add_by_phone", booking=booking.pk, status=booking.status)
            if booking.status == BookingStatus.CONFIRMED:
                messages.success(request, _("Booking added: the family has a place."))
            else:
                messages.success(request, _("Booking added to the waiting list."))
            return back(date)
    return render_date(request, date, phone_form=form, status=400)


@staff_view("change")
def cancel_date(request, key):
    """Ask for the reason and a confirmation, then call the date off and tell every family."""
    date = date_or_404(request, key, "change")
    if date.cancelled or date.session is None or date.ended:
        messages.warning(request, _("This date cannot be cancelled any more."))
        return back(date)
    form = CancelDateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        row, told = services.cancel_session_date(date, form.cleaned_data["reason"])
        date.row = row
        record(request, date, "bookings.cancel_date", told=len(told))
        messages.success(
            request,
            _("The date is cancelled. %(count)s families are told (by e-mail, or call those with a phone number).")
            % {"count": len(told)},
        )
        return back(date)
    told = date.confirmed + date.waitlisted
    context = {"page_title": _("Cancel this date"), "date": date, "form": form, "told": told}
    return TemplateResponse(request, "bookings/admin/cancel_date.html", context, status=400 if form.is_bound else 200)


CSV_HEADER = (
    gettext_lazy("Status"),
    gettext_lazy("Name"),
    gettext_lazy("E-mail or phone"),
    gettext_lazy("Child's age"),
    gettext_lazy("Adults"),
    gettext_lazy("Children"),
    gettext_lazy("Booked at"),
    gettext_lazy("Taken by staff"),
    gettext_lazy("Attended"),
)


def child_age(booking):
    return _("Expecting (妊娠中)") if booking.expecting else str(age_label(booking.child_age_months))


def export_rows(date):
    yes, no = _("Yes"), _("No")
    rows = [[str(heading) for heading in CSV_HEADER]]
    for booking in date.bookings:
        rows.append(
            [
                booking.get_status_display(),
                booking.name,
                booking.contact,
                child_age(booking),
                booking.adults,
                booking.children,
                f"{timezone.localtime(booking.created_at):%Y-%m-%d %H:%M}",
                yes if booking.taken_by_staff else no,
                yes if booking.attended else no,
            ]
        )
    return rows


@staff_view("view")
def export(request, key):
    date = date_or_404(request, key)
    response = csv_response(export_rows(date))
    hub = date.hub.slug if date.hub else "hub"
    filename = f"bookings-{hub}-{date.page.slug}-{timezone.localtime(date.start):%Y%m%d-%H%M}.csv"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    record(request, date, "bookings.export", rows=len(date.bookings))
    return response
