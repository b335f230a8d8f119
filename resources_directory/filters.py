"""The directory search parameters (django-filter), shared by the search page, the 生まれたら page and the JSON API."""

import unicodedata

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.schedule import Weekday, WeekOfMonth, is_last_weekday_in_month, nth_weekday_in_month
from resources_directory.geo import postal_code_location
from resources_directory.models import AMENITIES, Area, Category, ListingPage
from search.directory.staff import choices as staff_language_choices

MAX_AGE_MONTHS = 216
MAX_RADIUS_KM = 50
UNKNOWN_HUB = _("There is no hub %(value)s. Use a hub key or “all”.")


class SortChoices:
    choices = [("relevance", _("Best match")), ("name", _("Name")), ("distance", _("Distance"))]


class DirectoryFilterForm(forms.Form):
    """Checks the parameters that only make sense together (a location and sorting by distance)."""

    def clean(self):
        data = super().clean()
        for name in ("open_this_week", "open_now"):
            if str(self.data.get(name, "")).lower() not in {"", "on", "true", "false", "1", "0"}:
                self.add_error(name, _("Use true or false."))
        lat, lng = data.get("lat"), data.get("lng")
        if (lat is None) != (lng is None) and "lat" not in self.errors and "lng" not in self.errors:
            self.add_error("lng" if lng is None else "lat", _("Give both lat and lng."))
        postal_code = data.get("postal_code")
        if postal_code and postal_code_location(postal_code) is None:
            self.add_error("postal_code", _("This postal code is not in the directory's area."))
        has_origin = (lat is not None and lng is not None) or bool(postal_code) or bool(data.get("near_area"))
        if data.get("sort") == "distance" and not has_origin and not self.errors:
            self.add_error("sort", _("Sorting by distance needs a location: a postal code, an area or lat/lng."))
        if data.get("radius_km") and not has_origin and not self.errors:
            self.add_error("radius_km", _("A radius needs a location: a postal code, an area or lat/lng."))
        return data


def normalise_keyword(value):
    return unicodedata.normalize("NFKC", value or "").strip()


def rules_for(day):
    """The week-of-month values of the rules that fall on ``day``: every week, its 第n, and 'last' if it is."""
    weeks = [WeekOfMonth.EVERY, nth_weekday_in_month(day)]
    if is_last_weekday_in_month(day):
        weeks.append(WeekOfMonth.LAST)
    return weeks


class IntegerFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class FloatFilter(django_filters.NumberFilter):
    field_class = forms.FloatField


class KeysField(forms.MultipleChoiceField):
    """Repeated keys; an empty value (``?hub=``, as a form may send it) means "not given"."""

    def to_python(self, value):
        return [key for key in super().to_python(value) if key != ""]


class KeysFilter(django_filters.MultipleChoiceFilter):
    field_class = KeysField


class ListingFilter(django_filters.FilterSet):
    """The directory's search parameters and their form. It only validates: ``search.directory`` runs the search."""

    q = django_filters.CharFilter(label=_("Keyword"), method="noop", max_length=100)
    category = django_filters.ModelMultipleChoiceFilter(
        label=_("Category"),
        to_field_name="slug",
        queryset=Category.objects.in_default_locale(),
        method="noop",
        widget=forms.CheckboxSelectMultiple,
    )
    area = django_filters.ModelMultipleChoiceFilter(
        label=_("Area"),
        to_field_name="slug",
        queryset=Area.objects.in_default_locale(),
        method="noop",
        widget=forms.CheckboxSelectMultiple,
    )
    age_months = IntegerFilter(
        label=_("Child's age in months"),
        method="noop",
        min_value=0,
        max_value=MAX_AGE_MONTHS,
    )
    weekday = django_filters.ChoiceFilter(
        label=_("Weekday"),
        choices=Weekday.choices,
        method="noop",
        empty_label=_("Any day"),
    )
    open_this_week = django_filters.BooleanFilter(
        label=_("Open in the next 7 days"), method="noop", widget=forms.CheckboxInput
    )
    open_now = django_filters.BooleanFilter(label=_("Open now"), method="noop", widget=forms.CheckboxInput)
    amenity = django_filters.MultipleChoiceFilter(
        label=_("Amenities"),
        choices=list(AMENITIES.items()),
        method="noop",
        widget=forms.CheckboxSelectMultiple,
    )
    lang_staff = KeysFilter(
        label=_("Staff speak"),
        choices=staff_language_choices(),
        method="noop",
        widget=forms.CheckboxSelectMultiple,
    )
    lat = FloatFilter(label=_("Latitude"), method="noop", min_value=-90, max_value=90)
    lng = FloatFilter(label=_("Longitude"), method="noop", min_value=-180, max_value=180)
    postal_code = django_filters.CharFilter(label=_("Postal code"), method="noop", max_length=10)
    near_area = django_filters.ModelChoiceFilter(
        label=_("Near the centre of"),
        queryset=Area.objects.in_default_locale(),
        to_field_name="slug",
        method="noop",
        empty_label=_("(none)"),
    )
    radius_km = FloatFilter(label=_("Within (km)"), method="noop", min_value=0.1, max_value=MAX_RADIUS_KM)
    hub = KeysFilter(
        label=_("Hubs"),
        choices=[],  # the hubs there are, set per search (__init__)
        method="noop",
        error_messages={"invalid_choice": UNKNOWN_HUB},
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=SortChoices.choices,
        method="noop",
        empty_label=_("Best match for words, else nearest first when a location is given"),
    )

    class Meta:
        model = ListingPage
        fields = []
        form = DirectoryFilterForm

    def __init__(self, *args, today=None, **kwargs):
        from search.directory.hubs import ALL, hub_list

        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.hubs = hub_list()
        choices = [(hub.slug, f"{hub.ward} {hub.hub_name}".strip()) for hub in self.hubs if hub.slug]
        self.filters["hub"].extra["choices"] = [(ALL, _("All hubs")), *choices]

    def noop(self, queryset, name, value):
        return queryset
