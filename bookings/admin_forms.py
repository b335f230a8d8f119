"""The staff's forms on one date: a booking taken by phone, who attended, calling the date off."""

from django import forms
from django.utils.translation import gettext_lazy as _

from bookings.forms import BookingForm
from bookings.models import Booking, BookingStatus


class PhoneBookingForm(BookingForm):
    """The families' booking form, for a booking staff take by phone (no honeypot: staff are no bot)."""

    prefix = "phone"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["website"]
        self.fields["name"].help_text = _("The family's name, as they will give it at the desk.")
        self.fields["contact"].help_text = _("With an e-mail address the family gets the confirmation by e-mail.")


class AttendanceForm(forms.Form):
    """One check-box per confirmed family; the families not ticked did not come."""

    attended = forms.ModelMultipleChoiceField(
        label=_("Attended"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, row, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["attended"]
        bookings = row.bookings.all() if row is not None else Booking.objects.none()
        field.queryset = bookings.filter(status=BookingStatus.CONFIRMED)
        field.error_messages["invalid_choice"] = _("This booking is not a confirmed booking of this date.")


class CancelDateForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=100,
        help_text=_("Told to every family and shown on the program page (at most 100 characters)."),
    )

    def clean_reason(self):
        reason = " ".join(self.cleaned_data["reason"].split())
        if not reason:
            raise forms.ValidationError(_("Give the reason the families will read."))
        return reason
