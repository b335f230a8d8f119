"""GET filters of the program agenda, its calendar and its iCal feed (django-filter, server-rendered).

The filter set only validates and describes the request; ``agenda_window`` and ``agenda_kwargs`` turn the
cleaned values into arguments for ``home.agenda.upcoming_occurrences``.
"""

import re
from datetime import date, timedelta

import django_filters
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from home.agenda import MAX_WINDOW_DAYS, today
from home.business_areas import BusinessArea
from home.hub_scope import HubChoiceField, below, hub_choices
from home.life_stages import LifeStage
from home.models import ProgramPage, ProgramSession
from home.schedule import Weekday, week_of

DEFAULT_DAYS = 28
MAX_PAGES = 1000
FIRST_YEAR, LAST_YEAR = 2000, 2100
YEAR_RANGE = {"first": FIRST_YEAR, "last": LAST_YEAR}


class MonthField(forms.CharField):
    """YYYY-MM → the first day of that month."""

    default_error_messages = {"invalid": _("Enter a month as YYYY-MM.")}

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        match = re.fullmatch(r"(\d{4})-(\d{1,2})", value)
        if not match or not 1 <= int(match[2]) <= 12 or not FIRST_YEAR <= int(match[1]) <= LAST_YEAR:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return date(int(match[1]), int(match[2]), 1)


class MonthFilter(django_filters.Filter):
    field_class = MonthField


class AgendaForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        for name in ("date_from", "date_to"):
            value = cleaned.get(name)
            if value and not FIRST_YEAR <= value.year <= LAST_YEAR:
                self.add_error(name, _("Choose a date between %(first)s and %(last)s.") % YEAR_RANGE)
        date_to = cleaned.get("date_to")
        date_from = cleaned.get("date_from") or (today() if date_to else None)
        if date_from and date_to:
            if date_to < date_from:
                self.add_error("date_to", _("The end date must not be before the start date."))
            elif (date_to - date_from).days > MAX_WINDOW_DAYS:
                self.add_error("date_to", _("Choose at most one year."))
        return cleaned


def area_choices(hub_paths=None):
    """Areas of live programs (of the hubs below these paths): the free area name, or the venue's directory area."""
    pages = ProgramPage.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE).order_by()
    if hub_paths is not None:
        pages = pages.filter(below(hub_paths))
    pairs = pages.values_list("area_name", "venue__area__name").distinct()
    names = {name for pair in pairs for name in pair if name}
    return [(name, name) for name in sorted(names)]


def no_op(queryset, name, value):
    return queryset


class HubFilter(django_filters.MultipleChoiceFilter):
    field_class = HubChoiceField


class PageNumberFilter(django_filters.Filter):
    field_class = forms.IntegerField


class AgendaFilter(django_filters.FilterSet):
    stage = django_filters.MultipleChoiceFilter(
        label=_("For"), choices=LifeStage.choices, widget=forms.CheckboxSelectMultiple, method=no_op
    )
    weekday = django_filters.MultipleChoiceFilter(
        label=_("Weekday"), choices=Weekday.choices, widget=forms.CheckboxSelectMultiple, method=no_op
    )
    business_area = django_filters.MultipleChoiceFilter(
        label=_("Kind of program"), choices=BusinessArea.choices, widget=forms.CheckboxSelectMultiple, method=no_op
    )
    area = django_filters.MultipleChoiceFilter(
        label=_("Area"), choices=area_choices, widget=forms.CheckboxSelectMultiple, method=no_op
    )
    booking = django_filters.ChoiceFilter(
        label=_("Booking"),
        choices=[("required", _("Booking needed")), ("not_required", _("No booking needed"))],
        empty_label=_("Either"),
        method=no_op,
    )
    period = django_filters.ChoiceFilter(
        label=_("When"),
        choices=[("upcoming", _("Next four weeks")), ("week", _("This week")), ("month", _("By month"))],
        empty_label=None,
        method=no_op,
    )
    month = MonthFilter(label=_("Month (YYYY-MM)"), method=no_op)
    date_from = django_filters.DateFilter(label=_("From"), method=no_op, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = django_filters.DateFilter(label=_("To"), method=no_op, widget=forms.DateInput(attrs={"type": "date"}))
    hub = HubFilter(label=_("Hubs"), choices=(), widget=forms.CheckboxSelectMultiple, method=no_op)
    page = PageNumberFilter(label=_("Result page"), method=no_op, min_value=1, max_value=MAX_PAGES)

    class Meta:
        model = ProgramSession  # the filter set validates; home.agenda does the querying
        fields = []
        form = AgendaForm

    def __init__(self, data=None, *args, scope=None, **kwargs):
        """``scope``: a ``home.hub_scope.HubScope``; the hub choices, and the areas of the hubs asked for."""
        super().__init__(data, *args, **kwargs)
        self.scope = scope
        if scope is not None:
            self.filters["hub"].extra["choices"] = hub_choices(scope.hubs)
            scope.choose_raw(data)
            self.filters["area"].extra["choices"] = area_choices(scope.root_paths)

    @property
    def cleaned(self):
        return self.form.cleaned_data

    def agenda_window(self, calendar=False):
        """(first day, last day) to show, both inclusive."""
        data = self.cleaned
        now = today()
        month = data.get("month")
        if calendar or data.get("period") == "month" or (month and not data.get("date_from")):
            first = month or now.replace(day=1)
            following = (first + timedelta(days=32)).replace(day=1)
            return first, following - timedelta(days=1)
        if data.get("period") == "week":
            return week_of(data.get("date_from") or now)
        first = data.get("date_from") or now
        last = data.get("date_to") or first + timedelta(days=DEFAULT_DAYS - 1)
        return first, last

    def agenda_kwargs(self):
        data = self.cleaned
        booking = {"required": True, "not_required": False}.get(data.get("booking") or "")
        return {
            "life_stages": data.get("stage") or None,
            "business_areas": data.get("business_area") or None,
            "areas": data.get("area") or None,
            "booking_required": booking,
            "hubs": self.scope.choose(data.get("hub")) if self.scope is not None and self.scope.hubs else None,
        }

    @property
    def weekdays(self):
        return {int(day) for day in self.cleaned.get("weekday") or ()}
