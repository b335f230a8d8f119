"""The directory search: one function for the directory page, the 生まれたら page, the JSON API and the open data.

``search_directory(params, …)`` validates the parameters (the directory's filter form), reads the keyword box
(``query.parse_keywords``: Japanese terms, synonyms, amenity and age words), asks the configured engine
(``search.engine.get_engine().search_directory``: the engine with the database as fallback, or the database),
and returns the page of listings with distances, next openings, hubs, facets and the filters the words applied.

Hubs: ``hub=<key>`` (repeatable) or ``hub=all`` choose the hubs searched. Without it, a search made on a hub's
own page (``home_hub``: the directory page, the 生まれたら page) searches that hub, and any other search (the API,
the open data) every hub. Each listing of the result carries ``hub`` (its HubSettings, or None).
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone, translation
from django.utils.datastructures import MultiValueDict

from home.hubs import hub_finder
from home.paging import PageNumbers
from resources_directory.today import annotate
from search import languages
from search.directory.hubs import ALL, hub_list
from search.directory.open_now import open_now_ids
from search.directory.pages import listings_in_order
from search.directory.query import FACET_FIELDS, DirectoryQuery, parse_keywords
from search.engine import get_engine

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


class InvalidSearch(Exception):
    def __init__(self, errors):
        super().__init__("invalid search parameters")
        self.errors = errors


@dataclass
class DirectoryResult(PageNumbers):
    count: int
    items: list
    page: int
    page_size: int
    facets: dict
    backend: str = "database"
    origin: tuple | None = None
    applied_intents: list = field(default_factory=list)
    hubs: list = field(default_factory=list)  # the hubs searched (HubSettings); empty = every hub
    home_hub: object = None  # the hub whose page asked (its cards carry no "other ward" badge)
    hub_count: int = 0  # hubs in the installation (with one, the cards name none)

    @property
    def all_hubs(self):
        return not self.hubs

    @property
    def shows_hubs(self):
        return self.hub_count > 1

    @property
    def per_page(self):
        return self.page_size


def origin_from(data):
    """The point distances are measured from, rounded to ~100 m: lat/lng, else a postal code, else an area."""
    from resources_directory.geo import postal_code_location, round_location

    if data.get("lat") is not None and data.get("lng") is not None:
        return round_location(data["lat"], data["lng"])
    if data.get("postal_code"):
        return round_location(*postal_code_location(data["postal_code"]))
    area = data.get("near_area")
    if area is not None and area.latitude is not None and area.longitude is not None:
        return round_location(area.latitude, area.longitude)
    return None


def week_days(today):
    return [today + timedelta(days=offset) for offset in range(7)]


def open_this_week(today):
    """(weekly rules that fall on one of the next seven days, listings closures shut on all of those days).

    Closures are the listing's own and its hub's (``HubClosure``: every listing below that hub's home page)."""
    from home.hub_scope import below
    from resources_directory.filters import rules_for
    from resources_directory.models import Closure, HubClosure, ListingPage, OpeningHours

    days = week_days(today)
    rules = sorted({f"{day.weekday()}:{week}" for day in days for week in rules_for(day)})
    closures = {}
    for closure in Closure.objects.filter(start_date__lte=days[-1], end_date__gte=days[0]):
        closures.setdefault(closure.page_id, []).append(closure)
    hub_closures = HubClosure.objects.filter(start_date__lte=days[-1], end_date__gte=days[0])
    for closure in hub_closures.select_related("hub__site__root_page"):
        below_hub = ListingPage.objects.filter(below([closure.hub.site.root_page.path]))
        for page_id in below_hub.values_list("pk", flat=True):
            closures.setdefault(page_id, []).append(closure)
    hours_by_page = {}
    for hours in OpeningHours.objects.filter(page_id__in=list(closures)):
        hours_by_page.setdefault(hours.page_id, []).append(hours)
    shut = [
        page_id
        for page_id in sorted(closures)
        if not any(
            any(h.matches(day) for h in hours_by_page.get(page_id, []))
            and not any(c.covers(day) for c in closures[page_id])
            for day in days
        )
    ]
    return rules, shut


def filterset_for(params, today):
    """The directory's filter form bound to ``params`` (a QueryDict, a dict of values or lists, or a bound form)."""
    from resources_directory.filters import ListingFilter
    from resources_directory.models import ListingPage

    if isinstance(params, ListingFilter):
        return params
    if not isinstance(params, MultiValueDict):
        params = MultiValueDict({k: v if isinstance(v, list | tuple) else [v] for k, v in params.items()})
    return ListingFilter(params, queryset=ListingPage.objects.none(), today=today)


def hub_scope(data, home_hub=None):
    """The hub keys to search: those asked for (``all``: every hub, []), else the home hub's, else every hub."""
    chosen = list(dict.fromkeys(data.get("hub") or []))
    if ALL in chosen:
        return []
    if chosen:
        return chosen
    return [home_hub.slug] if home_hub is not None and home_hub.slug else []


def build_query(data, today, parent=None, home_hub=None, now=None, locale=None):
    """(DirectoryQuery, labels of the filters the words set) for cleaned filter data; ``now``: for ``open_now``;
    ``locale``: the reader's language (default: the active one), whose listings come first (search.languages)."""
    locale = languages.reader_language(locale or translation.get_language())
    terms, intents = parse_keywords(data.get("q"))
    terms_by_language = {
        group.code: terms if group.default else parse_keywords(data.get("q"), language=group.code)[0]
        for group in languages.groups_for(locale)
    }
    amenities = list(data.get("amenity") or [])
    amenities += [i.amenity for i in intents if i.amenity and i.amenity not in amenities]
    if data.get("age_months") is not None:
        age_range = (data["age_months"], data["age_months"])
    else:
        age_range = next((i.age_range for i in intents if i.age_range), None)
    origin = origin_from(data)
    sort = data.get("sort") or ("relevance" if terms else "distance" if origin else "name")
    rules, shut = open_this_week(today) if data.get("open_this_week") else (None, [])
    weekday = data.get("weekday")
    query = DirectoryQuery(
        terms=terms,
        directory_id=languages.source_id(parent),
        hubs=hub_scope(data, home_hub),
        categories=[c.slug for c in data.get("category") or []],
        areas=[a.slug for a in data.get("area") or []],
        amenities=amenities,
        age_range=age_range,
        weekday=int(weekday) if weekday not in (None, "") else None,
        rules=rules,
        exclude_ids=shut,
        only_ids=open_now_ids(now) if data.get("open_now") else None,
        staff_languages=list(data.get("lang_staff") or []),
        locale=locale,
        terms_by_language=terms_by_language,
        origin=origin,
        radius_km=data.get("radius_km") if origin else None,
        sort=sort,
    )
    applied = [i.label for i in intents if i.amenity or (i.age_range and data.get("age_months") is None)]
    return query, applied


FACETS = tuple(FACET_FIELDS)


def search_directory(
    params, *, page=1, page_size=DEFAULT_PAGE_SIZE, parent=None, now=None, facets=True, home_hub=None, locale=None
):
    """Run a directory search. ``params``: a QueryDict/dict of the filter parameters, or a bound ListingFilter.

    ``home_hub``: the hub whose page asks; without ``hub`` in the parameters only its listings are searched.
    ``locale``: the reader's language (default: the request's, ``translation.get_language()``).
    Raises InvalidSearch (with per-field messages) when the parameters do not validate.
    """
    now = now or timezone.localtime()
    filterset = filterset_for(params, now.date())
    if not filterset.is_valid():
        raise InvalidSearch(filterset.errors.get_json_data())
    data = filterset.form.cleaned_data
    query, applied = build_query(data, now.date(), parent, home_hub, now, locale)
    page_size = max(1, min(int(page_size), MAX_PAGE_SIZE))
    page = max(1, int(page))
    query.offset, query.limit, query.facets = (page - 1) * page_size, page_size, facets
    hits = get_engine().search_directory(query)
    facet_counts = {name: hits.facets.get(name, {}) for name in FACETS} if facets else {}
    hubs = filterset.hubs
    hub_of = hub_finder(hubs)  # the hubs' trees (and their translations) read once, not once per listing
    items = listings_in_order(hits.ids, query.origin, now)
    for item in items:
        item.hub = hub_of(item.path)
    annotate(items, now)  # next opening, live status and closures (the hub's too)
    return DirectoryResult(
        count=hits.count,
        items=items,
        page=page,
        page_size=page_size,
        facets=facet_counts,
        backend=hits.backend,
        origin=query.origin,
        applied_intents=applied,
        hubs=[hub for hub in hubs if hub.slug in query.hubs],
        home_hub=home_hub,
        hub_count=len(hubs),
    )


def query_for(params, today, parent=None, offset=0, limit=DEFAULT_PAGE_SIZE, home_hub=None, now=None, locale=None):
    """The DirectoryQuery ``search_directory`` would ask a backend (benchmarks and the parity test ask it directly)."""
    filterset = filterset_for(params, today)
    if not filterset.is_valid():
        raise InvalidSearch(filterset.errors.get_json_data())
    query, _applied = build_query(filterset.form.cleaned_data, today, parent, home_hub, now, locale)
    query.offset, query.limit = offset, limit
    return query


def all_listing_ids(parent=None, hubs=()):
    """Every live, public listing (of these hub keys; none: every hub) in reading order (the open-data export),
    through the same engine."""
    query = DirectoryQuery(directory_id=languages.source_id(parent), hubs=list(hubs), facets=False, limit=0)
    engine = get_engine()
    count = engine.search_directory(query).count
    ids = []
    step = MAX_PAGE_SIZE * 10
    for offset in range(0, count, step):
        query.offset, query.limit = offset, step
        ids += engine.search_directory(query).ids
    return ids


__all__ = [
    "ALL",
    "DEFAULT_PAGE_SIZE",
    "MAX_PAGE_SIZE",
    "DirectoryResult",
    "InvalidSearch",
    "hub_list",
    "search_directory",
]
