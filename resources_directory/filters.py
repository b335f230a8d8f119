"""django-filter filters shared by the directory search page and the JSON API."""

import unicodedata
from datetime import timedelta

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.schedule import Weekday, WeekOfMonth, is_last_weekday_in_month, nth_weekday_in_month
from resources_directory.geo import postal_code_location
from resources_directory.models import AMENITIES, Area, Category, Closure, ListingPage, OpeningHours

MAX_AGE_MONTHS = 216
MAX_RADIUS_KM = 50


class SortChoices:
    choices = [("name", _("Name")), ("distance", _("Distance"))]


class DirectoryFilterForm(forms.Form):
    """Checks the parameters that only make sense together (a location and sorting by distance)."""

    def clean(self):
        data = super().clean()
        if str(self.data.get("open_this_week", "")).lower() not in {"", "on", "true", "false", "1", "0"}:
            self.add_error("open_this_week", _("Use true or false."))
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


class ListingFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Keyword"), method="filter_keyword", max_length=100)
    category = django_filters.ModelMultipleChoiceFilter(
        label=_("Category"),
        field_name="categories__slug",
        to_field_name="slug",
        queryset=Category.objects.all(),
        distinct=True,
        widget=forms.CheckboxSelectMultiple,
    )
    area = django_filters.ModelMultipleChoiceFilter(
        label=_("Area"),
        field_name="area__slug",
        to_field_name="slug",
        queryset=Area.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    age_months = IntegerFilter(
        label=_("Child's age in months"),
        method="filter_age",
        min_value=0,
        max_value=MAX_AGE_MONTHS,
    )
    weekday = django_filters.ChoiceFilter(
        label=_("Weekday"),
        choices=Weekday.choices,
        method="filter_weekday",
        empty_label=_("Any day"),
    )
    open_this_week = django_filters.BooleanFilter(
        label=_("Open in the next 7 days"), method="filter_open_this_week", widget=forms.CheckboxInput
    )
    amenity = django_filters.MultipleChoiceFilter(
        label=_("Amenities"),
        choices=list(AMENITIES.items()),
        method="filter_amenities",
        widget=forms.CheckboxSelectMultiple,
    )
    # The location and sort are read by search.search_listings; the filters only validate them.
    lat = FloatFilter(label=_("Latitude"), method="noop", min_value=-90, max_value=90)
    lng = FloatFilter(label=_("Longitude"), method="noop", min_value=-180, max_value=180)
    postal_code = django_filters.CharFilter(label=_("Postal code"), method="noop", max_length=10)
    near_area = django_filters.ModelChoiceFilter(
        label=_("Near the centre of"),
        queryset=Area.objects.all(),
        to_field_name="slug",
        method="noop",
        empty_label=_("(none)"),
    )
    radius_km = FloatFilter(label=_("Within (km)"), method="noop", min_value=0.1, max_value=MAX_RADIUS_KM)
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=SortChoices.choices,
        method="noop",
        empty_label=_("Nearest first when a location is given"),
    )

    class Meta:
        model = ListingPage
        fields = []
        form = DirectoryFilterForm

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()

    def noop(self, queryset, name, value):
        return queryset

    def filter_keyword(self, queryset, name, value):
        value = normalise_keyword(value)
        if not value:
            return queryset
        condition = Q()
        for word in value.split():
            condition &= (
                Q(title__icontains=word)
                | Q(kana__icontains=word)
                | Q(summary__icontains=word)
                | Q(address__icontains=word)
                | Q(organisation__icontains=word)
            )
        return queryset.filter(condition)

    def filter_age(self, queryset, name, value):
        months = int(value)
        return queryset.filter(
            Q(min_age_months__isnull=True) | Q(min_age_months__lte=months),
            Q(max_age_months__isnull=True) | Q(max_age_months__gte=months),
        )

    def filter_weekday(self, queryset, name, value):
        if value in (None, ""):
            return queryset
        return queryset.filter(Exists(OpeningHours.objects.filter(page=OuterRef("pk"), weekday=int(value))))

    def filter_open_this_week(self, queryset, name, value):
        if not value:
            return queryset
        days = [self.today + timedelta(days=offset) for offset in range(7)]
        # One uncorrelated subquery: places with an opening-hours rule that falls on one of the seven days.
        rule_on_some_day = Q()
        for day in days:
            rule_on_some_day |= Q(weekday=day.weekday(), week_of_month__in=rules_for(day))
        queryset = queryset.filter(pk__in=OpeningHours.objects.filter(rule_on_some_day).values("page_id"))
        # Closures in the week are rare: check only the places that have one, day by day, in Python.
        closures = list(Closure.objects.filter(start_date__lte=days[-1], end_date__gte=days[0]))
        if not closures:
            return queryset
        closed_pages = {closure.page_id for closure in closures}
        hours_by_page = {}
        for hours in OpeningHours.objects.filter(page_id__in=closed_pages):
            hours_by_page.setdefault(hours.page_id, []).append(hours)
        shut_all_week = [
            page_id
            for page_id in closed_pages
            if not any(
                any(h.matches(day) for h in hours_by_page.get(page_id, []))
                and not any(c.page_id == page_id and c.covers(day) for c in closures)
                for day in days
            )
        ]
        return queryset.exclude(pk__in=shut_all_week)

    def filter_amenities(self, queryset, name, value):
        return queryset.filter(**dict.fromkeys(value, True))
