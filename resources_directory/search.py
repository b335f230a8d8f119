"""The directory search: one function used by the search page, the journey page and the API.

It runs a constant number of SQL queries whatever the page size: the matching ids in order, the page by
primary key, three prefetches (categories, opening hours, closures), the category facet and the area slugs.
"""

import json
import math
from collections import Counter
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, ExpressionWrapper, F, FloatField, Prefetch
from django.utils import timezone
from django.utils.datastructures import MultiValueDict

from home.paging import PageNumbers
from resources_directory.filters import ListingFilter
from resources_directory.geo import bounding_box, haversine_km, postal_code_location, round_location
from resources_directory.models import Area, Category, Closure, ListingPage, OpeningHours
from resources_directory.models.hours import next_opening

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


class InvalidSearch(Exception):
    def __init__(self, errors):
        super().__init__("invalid search parameters")
        self.errors = errors


@dataclass
class SearchResult(PageNumbers):
    count: int
    items: list
    page: int
    page_size: int
    facets: dict
    origin: tuple | None = None
    filterset: object = None
    params: dict = field(default_factory=dict)

    @property
    def per_page(self):
        return self.page_size


def base_queryset(parent=None):
    queryset = ListingPage.objects.live().public()
    if parent is not None:
        queryset = queryset.child_of(parent)
    return queryset


def origin_from(data):
    """The point distances are measured from, rounded to ~100 m: lat/lng, else a postal code, else an area."""
    if data.get("lat") is not None and data.get("lng") is not None:
        return round_location(data["lat"], data["lng"])
    if data.get("postal_code"):
        return round_location(*postal_code_location(data["postal_code"]))
    area = data.get("near_area")
    if area is not None and area.latitude is not None and area.longitude is not None:
        return round_location(area.latitude, area.longitude)
    return None


def approx_distance_sq(lat, lng):
    """Equirectangular squared distance in degrees² (monotonic with the real distance at a ward's scale)."""
    scale = math.cos(math.radians(lat))
    dlat = F("latitude") - lat
    dlng = (F("longitude") - lng) * scale
    return ExpressionWrapper(dlat * dlat + dlng * dlng, output_field=FloatField())


# Up to this many matches, the category facet reads the link table by id instead of re-running the filters.
FACET_BY_ID_LIMIT = 30000


def category_counts_by_id(ids):
    """Matches per category slug for these listing ids, in plain SQL: the ORM spends ~8 µs preparing each id.

    The ids travel as one parameter (a JSON array on SQLite, an array on PostgreSQL), whatever their number.
    """
    quote = connection.ops.quote_name
    links, categories = ListingPage.categories.through._meta.db_table, Category._meta.db_table
    listing_id = f"t.{quote('listingpage_id')}"
    if connection.vendor == "postgresql":
        condition, ids_param = f"{listing_id} = ANY(%s)", list(ids)
    else:
        condition, ids_param = f"{listing_id} IN (SELECT value FROM json_each(%s))", json.dumps(list(ids))
    sql = (
        f"SELECT c.{quote('slug')}, COUNT(DISTINCT {listing_id}) FROM {quote(links)} t"
        f" JOIN {quote(categories)} c ON c.{quote('id')} = t.{quote('category_id')}"
        f" WHERE {condition} GROUP BY c.{quote('slug')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [ids_param])
        return dict(cursor.fetchall())


def facet_counts(queryset, rows):
    """Matches per category and per area slug (``rows`` are the matching (pk, area_id) pairs)."""
    if not rows:
        categories = {}
    elif len(rows) <= FACET_BY_ID_LIMIT and connection.vendor in ("sqlite", "postgresql"):
        categories = category_counts_by_id([pk for pk, _area in rows])
    else:
        per_slug = (
            Category.objects.filter(listingpage__in=queryset.order_by().values("pk"))
            .values("slug")
            .annotate(n=Count("listingpage", distinct=True))
        )
        categories = {row["slug"]: row["n"] for row in per_slug}
    per_area = Counter(area_id for _pk, area_id in rows if area_id is not None)
    area_slugs = dict(Area.objects.filter(pk__in=per_area).values_list("pk", "slug")) if per_area else {}
    return {
        "category": categories,
        "area": {area_slugs[pk]: n for pk, n in per_area.items() if pk in area_slugs},
    }


def search_listings(params, *, page=1, page_size=DEFAULT_PAGE_SIZE, parent=None, now=None, facets=True):
    """Run a directory search. ``params`` is a QueryDict/dict of filter parameters or a bound ListingFilter.

    Raises InvalidSearch (with per-field messages) when the parameters do not validate.
    """
    now = now or timezone.localtime()
    if isinstance(params, ListingFilter):
        filterset = params
    else:
        if not isinstance(params, MultiValueDict):
            params = MultiValueDict({k: v if isinstance(v, list | tuple) else [v] for k, v in params.items()})
        filterset = ListingFilter(params, queryset=base_queryset(parent), today=now.date())
    if not filterset.is_valid():
        raise InvalidSearch(filterset.errors.get_json_data())
    data = filterset.form.cleaned_data
    queryset = filterset.qs
    origin = origin_from(data)
    radius = data.get("radius_km")
    if origin and radius:
        min_lat, max_lat, min_lng, max_lng = bounding_box(*origin, radius)
        queryset = queryset.filter(latitude__range=(min_lat, max_lat), longitude__range=(min_lng, max_lng))
        # Exact circle with the equirectangular distance (accurate to metres at this scale).
        radius_deg = math.degrees(radius / 6371.0088)
        queryset = queryset.alias(d2=approx_distance_sq(*origin)).filter(d2__lte=radius_deg * radius_deg)

    sort = data.get("sort") or ("distance" if origin else "name")
    if sort == "distance" and origin:
        queryset = queryset.alias(d2=approx_distance_sq(*origin)).order_by(
            F("d2").asc(nulls_last=True), "kana", "title", "pk"
        )
    else:
        queryset = queryset.order_by("kana", "title", "pk")

    # One scan for the matching ids in order (count, paging and the area facet come from it), one for the
    # category facet, then the page itself by primary key.
    rows = list(queryset.values_list("pk", "area_id"))
    count = len(rows)
    page_size = max(1, min(int(page_size), MAX_PAGE_SIZE))
    page = max(1, int(page))
    start = (page - 1) * page_size
    page_ids = [pk for pk, _area in rows[start : start + page_size]]
    by_id = (
        {
            item.pk: item
            for item in ListingPage.objects.filter(pk__in=page_ids)
            .select_related("area")
            .prefetch_related(
                Prefetch("categories", queryset=Category.objects.order_by("sort_order", "name")),
                Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("sort_order")),
                Prefetch("closures", queryset=Closure.objects.order_by("start_date")),
            )
        }
        if page_ids
        else {}
    )
    items = [by_id[pk] for pk in page_ids if pk in by_id]
    for item in items:
        item.distance_km = None
        if origin and item.latitude is not None and item.longitude is not None:
            item.distance_km = round(haversine_km(*origin, item.latitude, item.longitude), 2)
        item.next_open = next_opening(list(item.opening_hours.all()), list(item.closures.all()), now)
    return SearchResult(
        count=count,
        items=items,
        page=page,
        page_size=page_size,
        facets=facet_counts(filterset.qs, rows) if facets else {},
        origin=origin,
        filterset=filterset,
        params={key: value for key, value in data.items() if value not in (None, "", [])},
    )


__all__ = ["InvalidSearch", "SearchResult", "search_listings"]
