"""The booking form: one validation for the page's form and the JSON API, so both give the same messages."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from bookings.models import MAX_ADULTS, MAX_CHILDREN
from home.models.program_sessions import MAX_AGE_MONTHS

EXPECTING = "expecting"
PHONE_RE = re.compile(r"^\+?[0-9]{10,15}$")
PHONE_SEPARATORS = re.compile(r"[\s\-‐－ー()（）]")


def age_label(months):
    years, rest = divmod(months, 12)
    if not years:
        return _("%(months)s months") % {"months": months}
    return _("%(years)s years %(rest)s months (%(months)s months)") % {"years": years, "rest": rest, "months": months}


def age_choices():
    return [("", _("Choose")), (EXPECTING, _("Expecting (妊娠中)"))] + [
        (str(months), age_label(months)) for months in range(MAX_AGE_MONTHS + 1)
    ]


def clean_contact(value):
    """An e-mail address as given, or a phone number reduced to its digits (and a leading +)."""
    value = value.strip()
    if "@" in value:
        try:
            validate_email(value)
        except ValidationError:
            raise ValidationError(_("This e-mail address is not valid.")) from None
        return value
    phone = PHONE_SEPARATORS.sub("", value.translate(str.maketrans("０１２３４５６７８９＋", "0123456789+")))
    if not PHONE_RE.match(phone):
        raise ValidationError(_("Give an e-mail address or a phone number (10 to 15 digits)."))
    return phone


class BookingForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=60,
        help_text=_("The name you will give at the desk."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact = forms.CharField(
        label=_("E-mail or phone"),
        max_length=120,
        help_text=_("With an e-mail address you get a confirmation and a cancel link."),
    )
    child_age_months = forms.ChoiceField(label=_("Child's age"), choices=age_choices)
    adults = forms.TypedChoiceField(
        label=_("Adults"), choices=[(n, n) for n in range(1, MAX_ADULTS + 1)], coerce=int, initial=1
    )
    children = forms.TypedChoiceField(
        label=_("Children"), choices=[(n, n) for n in range(MAX_CHILDREN + 1)], coerce=int, initial=1
    )
    # A field people never see (hidden by the stylesheet, skipped by keyboards and screen readers); bots fill it.
    website = forms.CharField(label=_("Leave this empty"), required=False)

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise ValidationError(_("Give your name."))
        return name

    def clean_contact(self):
        return clean_contact(self.cleaned_data["contact"])

    def clean_child_age_months(self):
        value = self.cleaned_data["child_age_months"]
        return None if value == EXPECTING else int(value)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise ValidationError(_("The booking could not be sent. Please try again."), code="honeypot")
        return cleaned

    def booking_arguments(self):
        data = self.cleaned_data
        return {key: data[key] for key in ("name", "contact", "child_age_months", "adults", "children")}
