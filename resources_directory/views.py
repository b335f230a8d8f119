"""The directory search page (a Wagtail page's serve) and the "生まれたら" journey page."""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.http import QueryDict
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from home.life_stages import age_in_months
from resources_directory.filters import MAX_AGE_MONTHS, ListingFilter
from resources_directory.models import Area, DirectoryPage, ListingPage
from resources_directory.models.live import closure_text
from resources_directory.today import expires_in, live_status_text
from search.directory import ALL, InvalidSearch, hub_list, search_directory
from search.directory.hubs import hub_label, hub_of

# Parameters that say something about a family (age, location): a request that carries any of them, even empty or
# repeated, is answered no-store and never enters the page cache (cms/page_cache.py).
PRIVATE_PARAMS = ("age_months", "lat", "lng", "postal_code", "near_area", "birth_date")


def no_store(response):
    add_never_cache_headers(response)
    patch_cache_control(response, no_store=True, private=True)
    return response


def parse_page(value):
    try:
        page = int(value or 1)
    except (TypeError, ValueError):
        return None
    return page if 1 <= page <= 10_000 else None


def map_settings():
    return {
        "tile_url": getattr(settings, "DIRECTORY_MAP_TILE_URL", ""),
        "attribution": getattr(settings, "DIRECTORY_MAP_ATTRIBUTION", ""),
    }


def map_points(items, shows_hubs=False):
    return [
        {
            "name": item.title,
            "url": getattr(item, "page_url", None) or item.url,
            "lat": item.latitude,
            "lng": item.longitude,
            **({"hub": hub_label(getattr(item, "hub", None))} if shows_hubs else {}),
            **({"status": live_status_text(item)} if getattr(item, "live", None) else {}),
            **({"closure": closure_text(item.coming_closure)} if getattr(item, "coming_closure", None) else {}),
        }
        for item in items
        if item.latitude is not None and item.longitude is not None
    ]


def hub_choice(data, hubs):
    """The "include other wards' hubs" checkbox: shown with two hubs or more; hub keys asked for by address kept."""
    chosen = data.getlist("hub")
    return {
        "show": len(hubs) > 1,
        "all": ALL in chosen,
        "kept": [key for key in dict.fromkeys(chosen) if key != ALL],
    }


def serve_directory(page, request, *args, **kwargs):
    """GET: a shareable search. POST (used by 'use my location'): the same search, location kept out of URLs."""
    data = request.POST.copy() if request.method == "POST" else request.GET.copy()
    data.pop("csrfmiddlewaretoken", None)
    page_number = parse_page(data.pop("page", [None])[-1])
    filterset = ListingFilter(data, queryset=ListingPage.objects.none(), today=timezone.localdate())
    home_hub = hub_of(page.path, filterset.hubs)
    context = page.get_context(request, *args, **kwargs)
    context.update(
        {
            "filterset": filterset,
            "form": filterset.form,
            "is_post": request.method == "POST",
            "map": map_settings(),
            "searched": bool(data),  # any parameter: the results come first and the filters are folded
            "hub_choice": hub_choice(data, filterset.hubs),
        }
    )
    status = 200
    if page_number is None:
        filterset.form.is_valid()
        filterset.form.add_error(None, _("The page number is not valid."))
        status = 400
    else:
        try:
            # The page shows no facet counts (the API does): they are not computed for it. Without hub=…, the hub's
            # own listings (home_hub); hub=all: every hub's.
            result = search_directory(
                filterset, page=page_number, now=timezone.localtime(), facets=False, home_hub=home_hub
            )
            context["result"] = result
            for item in result.items:  # once for the card and the map
                item.page_url = item.get_url(request=request)
            context["map_points"] = map_points(result.items, result.shows_hubs)
            query = data.copy()
            context["query_string"] = query.urlencode()
        except InvalidSearch:
            status = 400
    response = TemplateResponse(request, page.get_template(request, *args, **kwargs), context, status=status)
    if "result" in context:
        response["X-Search-Backend"] = context["result"].backend
        response.page_cache_seconds = expires_in(context["result"].items)  # a shown status ends with its period
    if request.method == "POST" or any(name in data for name in PRIVATE_PARAMS):
        no_store(response)
    return response


class JourneyForm(forms.Form):
    """Birth (or due) date and where the family lives. Used for one search, never stored or logged."""

    birth_date = forms.DateField(
        label=_("Baby's birth date or due date"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    postal_code = forms.CharField(
        label=_("Postal code"),
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
    )
    area = forms.ModelChoiceField(
        label=_("Or your area"), queryset=Area.objects.in_default_locale(), to_field_name="slug", required=False
    )
    lat = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    lng = forms.FloatField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)
    all_hubs = forms.BooleanField(label=_("Include nearby hubs in other wards"), required=False)

    def clean_birth_date(self):
        value = self.cleaned_data["birth_date"]
        today = timezone.localdate()
        if value > today + timedelta(days=300):
            raise forms.ValidationError(_("A due date is at most ten months away."))
        if age_in_months(value, today) > MAX_AGE_MONTHS:
            raise forms.ValidationError(_("This page is for children under school age."))
        return value


def upcoming_programs(months, start, end, hubs=None):
    """Programs for this age this week (of these hubs), from the programs app when it is installed (else None)."""
    try:
        from home.agenda import upcoming_occurrences
    except ImportError:
        return None
    from home.life_stages import life_stage_for_age

    stage = life_stage_for_age(months)
    return list(upcoming_occurrences(start, end, life_stages=[stage] if stage else None, hubs=hubs))[:10]


def request_hub(request, hubs):
    """The hub of the site this request came to (one of ``hubs``), or None."""
    from wagtail.models import Site

    site = Site.find_for_request(request)
    return next((hub for hub in hubs if site is not None and hub.site_id == site.pk), None)


def program_hubs(form, hubs, home_hub):
    """The hubs whose programs the 生まれたら page lists: the same as its places (this hub, or every hub)."""
    if form.cleaned_data.get("all_hubs") or home_hub is None:
        return hubs or None  # no hub at all: every program
    return [home_hub]


def hub_directory(hub):
    pages = DirectoryPage.objects.live()
    return (pages.filter(path__startswith=hub.site.root_page.path) if hub else pages).first()


@require_http_methods(["GET", "POST"])
def journey(request):
    """「生まれたら」: what to do in the weeks after birth, and places and programs for this age near home.

    Places of this site's hub, or of every hub with "include nearby hubs in other wards"."""
    form = JourneyForm(request.POST if request.method == "POST" else None)
    hubs = hub_list()
    home_hub = request_hub(request, hubs)
    context = {"form": form, "map": map_settings(), "shows_hubs": len(hubs) > 1, "home_hub": home_hub}
    status = 200
    if request.method == "POST":
        if form.is_valid():
            today = timezone.localdate()
            months = age_in_months(form.cleaned_data["birth_date"], today)
            params = QueryDict(mutable=True)
            params["age_months"] = str(max(months, 0))
            for name in ("postal_code", "lat", "lng"):
                if form.cleaned_data.get(name) not in (None, ""):
                    params[name] = str(form.cleaned_data[name])
            if form.cleaned_data.get("area"):
                params["near_area"] = form.cleaned_data["area"].slug
            params["open_this_week"] = "true"
            if form.cleaned_data.get("all_hubs"):
                params["hub"] = ALL
            directory = hub_directory(home_hub)
            try:
                result = search_directory(params, page_size=10, facets=False, home_hub=home_hub)
            except InvalidSearch as error:
                for name, messages in error.errors.items():
                    target = "area" if name == "near_area" else name
                    for message in messages:
                        form.add_error(target if target in form.fields else None, message["message"])
                status = 400
            else:
                start = timezone.localtime()
                context.update(
                    {
                        "months": months,
                        "expecting": months < 0 or form.cleaned_data["birth_date"] > today,
                        "result": result,
                        "programs": upcoming_programs(
                            months, start, start + timedelta(days=7), program_hubs(form, hubs, home_hub)
                        ),
                        "directory": directory,
                    }
                )
        else:
            status = 400
    response = render(request, "resources_directory/journey.html", context, status=status)
    return no_store(response)
