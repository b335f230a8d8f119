"""The group's side of the freshness loop: the page its e-mailed link opens, without an account.

GET shows the listing's facts with 「このままで正しい」 (a POST) and a link to 「変更がある」 (a short form). Links
are signed, expire after 30 days and work once (resources_directory/freshness.py); a bad link answers 400, an
expired, used or unpublished one 410, and nothing changes. Never cached, never indexed, no referrer (the address
holds the secret); POSTs need the CSRF token and are rate-limited per address (settings.RATELIMIT_RULES).
"""

import functools

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from resources_directory import freshness
from resources_directory.models import ListingPage

MAX_AGE = 216
AGE_HELP = gettext_lazy("In months (0 to 216); empty for no limit.")


def hours_text(page):
    return "\n".join(str(rule) for rule in page.opening_hours.all())


def model_field(name, **kwargs):
    return ListingPage._meta.get_field(name).formfield(**kwargs)


class ChangesForm(forms.Form):
    """What a group may correct itself: ages, hours (in words, for the editors), fee, booking, contact, a note."""

    min_age_months = forms.IntegerField(
        label=ListingPage._meta.get_field("min_age_months").verbose_name,
        required=False,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_AGE)],
    )
    max_age_months = forms.IntegerField(
        label=ListingPage._meta.get_field("max_age_months").verbose_name,
        required=False,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_AGE)],
    )
    hours = forms.CharField(
        label=gettext_lazy("Opening hours (write them as they are now)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    fee = model_field("fee", required=False)
    booking_info = model_field("booking_info", required=False)
    phone = model_field("phone", required=False)
    website = model_field("website", required=False, assume_scheme="https")
    note = forms.CharField(
        label=gettext_lazy("Anything else the hub should know"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, page, *args, **kwargs):
        self.page = page
        self.current_hours = hours_text(page)
        initial = {name: getattr(page, name) for name in freshness.PROPOSED_FIELDS}
        initial["hours"] = self.current_hours
        super().__init__(*args, initial=initial, **kwargs)
        for name in ("min_age_months", "max_age_months"):
            self.fields[name].help_text = AGE_HELP
            self.fields[name].widget.attrs.update({"inputmode": "numeric"})

    def clean(self):
        data = super().clean()
        low, high = data.get("min_age_months"), data.get("max_age_months")
        if low is not None and high is not None and high < low:
            self.add_error("max_age_months", _("The oldest age must not be below the youngest age."))
        if not self.errors and not (self.changes() or self.hours_changed() or data.get("note", "").strip()):
            raise forms.ValidationError(
                _("Nothing was changed. If everything is still right, use “This is still right” instead.")
            )
        return data

    def changes(self):
        return {
            name: self.cleaned_data[name]
            for name in freshness.PROPOSED_FIELDS
            if name in self.cleaned_data and self.cleaned_data[name] != getattr(self.page, name)
        }

    def normalised_hours(self):
        return "\n".join(line.strip() for line in self.cleaned_data.get("hours", "").splitlines() if line.strip())

    def hours_changed(self):
        return self.normalised_hours() != self.current_hours


HEADINGS = {
    "check": gettext_lazy("Is this listing still right?"),
    "changes": gettext_lazy("What has changed?"),
    "done": gettext_lazy("Thank you for your answer"),
    "problem": gettext_lazy("This link cannot be used"),
}


def page_for(request, template, context, status=200):
    context = {**context, "heading": HEADINGS[template]}
    response = render(request, f"resources_directory/freshness/{template}.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


def with_reminder(view):
    """Open the link's reminder for the view (as ``reminder``), or answer with the page saying why it cannot be used."""

    @functools.wraps(view)
    def opened(request, token):
        try:
            return view(request, token, freshness.reminder_for_token(token))
        except freshness.LinkProblem as problem:
            return page_for(request, "problem", {"kind": problem.kind}, status=problem.status)

    return never_cache(opened)


@with_reminder
def check(request, token, reminder):
    page = reminder.page.specific
    return page_for(request, "check", {"page": page, "token": token, "hours": page.opening_hours.all()})


@require_POST
@with_reminder
def confirm(request, token, reminder):
    return page_for(request, "done", {"page": freshness.confirm(reminder), "answer": "confirmed"})


@require_http_methods(["GET", "POST"])
@with_reminder
def changes(request, token, reminder):
    page = reminder.page.specific
    form = ChangesForm(page, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            hours = form.normalised_hours() if form.hours_changed() else ""
            freshness.propose_changes(reminder, form.changes(), hours=hours, note=form.cleaned_data["note"].strip())
            return page_for(request, "done", {"page": page, "answer": "changes"})
        return page_for(request, "changes", {"page": page, "token": token, "form": form}, status=400)
    return page_for(request, "changes", {"page": page, "token": token, "form": form})
