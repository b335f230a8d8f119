"""Directory search on the database (SQLite or PostgreSQL): the query compiler for ``ListingDocument``.

Every answer has the engine's ids, order, scores, count and facet counts (tests/search/test_directory_parity.py):

* Filters and each term's tier are SQL: ``LIKE '% t1 t2 %'`` on the padded token streams of
  ``ListingDocumentText``, ``LIKE '% key %'`` on the key lists, ranges on ages and coordinates.
* Without a radius, the count and every facet come from one ``GROUP BY`` (area, categories) in SQL, and the page
  from one ``ORDER BY … LIMIT``: by reading in code-point order (``COLLATE "C"`` / ``BINARY``, whatever the
  database's own collation), or by score. Nothing per listing reaches Python.
* Nearest first: bounding boxes on the coordinates' index that grow until the page is certain (every place closer
  than the last one shown is inside the box), so a family search reads the places around it, not the city.
* With a radius, the bounding box bounds the rows; Python measures the exact distances, counts and orders them.
"""

from collections import Counter

from django.db import connection
from django.db.models import Case, Count, F, IntegerField, Q, Sum, Value, When
from django.db.models.functions import Collate

from search.directory.query import TIERS, ListingHits
from search.geo import bounding_box, haversine_km

FIRST_RING_KM = 1.0
ONE_BOX_UP_TO = 500  # so few places with coordinates: read them all at once
RING_GROWTH = 4
WHOLE_EARTH_KM = 20_100  # more than half the circumference: the box holds every place


def _reading():
    return Collate(F("reading"), "C" if connection.vendor == "postgresql" else "BINARY")


def _term_score(term):
    whens = []
    for field, weight in TIERS:
        condition = Q()
        for sequence in term.alternatives:
            condition |= Q(**{f"text__{field}__contains": f" {' '.join(sequence)} "})
        whens.append(When(condition, then=Value(weight)))
    return Case(*whens, default=Value(0), output_field=IntegerField())


def _any_of(field, values):
    condition = Q()
    for value in values:
        condition |= Q(**{f"{field}__contains": f" {value} "})
    return condition


def _filtered(query):
    """The documents that match the query's filters and required words, with ``score`` (the sum of the tiers)."""
    from search.models import ListingDocument

    rows = ListingDocument.objects.all()
    if query.directory_id:
        rows = rows.filter(directory_id=query.directory_id)
    if query.categories:
        rows = rows.filter(_any_of("categories", query.categories))
    if query.areas:
        rows = rows.filter(area__in=list(query.areas))
    for key in query.amenities:
        rows = rows.filter(amenities__contains=f" {key} ")
    if query.age_range is not None:
        low, high = query.age_range
        rows = rows.filter(age_low__lte=high, age_high__gte=low)
    if query.weekday is not None:
        rows = rows.filter(weekdays__contains=f" {query.weekday} ")
    if query.rules is not None:
        rows = rows.filter(_any_of("rules", query.rules))
    if query.exclude_ids:
        rows = rows.exclude(listing_id__in=list(query.exclude_ids))
    names = []
    for n, term in enumerate(query.terms):
        names.append(f"term_{n}")
        rows = rows.alias(**{names[-1]: _term_score(term)})
        if term.required:
            rows = rows.filter(**{f"{names[-1]}__gt": 0})
    score = sum((F(name) for name in names[1:]), F(names[0])) if names else Value(0)
    return rows.annotate(score=score)


def _in_box(rows, origin, radius_km):
    min_lat, max_lat, min_lng, max_lng = bounding_box(*origin, radius_km)
    return rows.filter(latitude__range=(min_lat, max_lat), longitude__range=(min_lng, max_lng))


def search_directory(query, backend="database"):
    rows = _filtered(query)
    if query.origin is not None and query.radius_km:
        return _within_radius(rows, query, backend)
    count, located, facets = _totals(rows, query.facets)
    if query.sort == "distance" and query.origin is not None:
        window = _nearest(rows, query, count, located)
    else:
        order = ["-score"] if query.sort == "relevance" else []
        page = rows.order_by(*order, _reading(), "listing_id").values_list("listing_id", "score")
        window = list(page[query.offset : query.offset + query.limit])
    return ListingHits(
        ids=[listing_id for listing_id, _score in window],
        count=count,
        facets=facets,
        backend=backend,
        scores=[score for _listing_id, score in window],
    )


def _totals(rows, with_facets):
    """(count, how many have coordinates, facet counts) in one aggregate query."""
    from resources_directory.models import AMENITIES

    rows = rows.order_by()
    if not with_facets:
        totals = rows.aggregate(count=Count("pk"), located=Count("latitude"))
        return totals["count"], totals["located"], {}
    keys = list(AMENITIES)
    per_key = {
        f"amenity_{n}": Sum(
            Case(When(amenities__contains=f" {key} ", then=Value(1)), default=Value(0)), output_field=IntegerField()
        )
        for n, key in enumerate(keys)
    }
    groups = rows.values("area", "categories").annotate(count=Count("pk"), located=Count("latitude"), **per_key)
    count = located = 0
    categories, areas, amenities = Counter(), Counter(), Counter()
    for area, category_list, group_count, group_located, *per_amenity in groups.values_list(
        "area", "categories", "count", "located", *per_key
    ):
        count += group_count
        located += group_located
        if area:
            areas[area] += group_count
        for slug in category_list.split():
            categories[slug] += group_count
        for key, n in zip(keys, per_amenity, strict=True):
            amenities[key] += n
    facets = {"category": dict(categories), "area": dict(areas), "amenity": {k: v for k, v in amenities.items() if v}}
    return count, located, facets


def _nearest(rows, query, count, located):
    """[(listing_id, score)] of the page, nearest first, then the places without coordinates by reading."""
    need = query.offset + query.limit
    near = []
    if located:
        wanted = min(need, located)
        radius = WHOLE_EARTH_KM if located <= ONE_BOX_UP_TO else FIRST_RING_KM
        while True:
            candidates = _in_box(rows, query.origin, radius).values_list(
                "listing_id", "reading", "latitude", "longitude", "score"
            )
            near = [
                (distance, reading, listing_id, score)
                for listing_id, reading, lat, lng, score in candidates
                if (distance := haversine_km(query.origin, (lat, lng))) <= radius
            ]
            if len(near) >= wanted or radius >= WHOLE_EARTH_KM:
                break
            radius = min(radius * RING_GROWTH, WHOLE_EARTH_KM)
        near.sort()
    window = [(listing_id, score) for _d, _r, listing_id, score in near[:need]]
    if need > located and count > located:
        elsewhere = rows.filter(latitude__isnull=True).order_by(_reading(), "listing_id")
        window += list(elsewhere.values_list("listing_id", "score")[: need - located])
    return window[query.offset :]


def _within_radius(rows, query, backend):
    """A radius: the rows in its bounding box, measured, counted and ordered in Python."""
    columns = ["listing_id", "reading", "latitude", "longitude", "score"]
    if query.facets:
        columns += ["categories", "area", "amenities"]
    matches = []
    for listing_id, reading, lat, lng, score, *keys in _in_box(rows, query.origin, query.radius_km).values_list(
        *columns
    ):
        distance = haversine_km(query.origin, (lat, lng))
        if distance <= query.radius_km:
            matches.append((listing_id, reading, distance, score, keys))
    if query.sort == "distance":
        matches.sort(key=lambda m: (m[2], m[1], m[0]))
    elif query.sort == "relevance":
        matches.sort(key=lambda m: (-m[3], m[1], m[0]))
    else:
        matches.sort(key=lambda m: (m[1], m[0]))
    window = matches[query.offset : query.offset + query.limit]
    return ListingHits(
        ids=[m[0] for m in window],
        count=len(matches),
        facets=_facets(m[4] for m in matches) if query.facets else {},
        backend=backend,
        scores=[m[3] for m in window],
    )


def _facets(key_rows):
    categories, areas, amenities = Counter(), Counter(), Counter()
    for category_list, area, amenity_list in key_rows:
        categories.update(category_list.split())
        if area:
            areas[area] += 1
        amenities.update(amenity_list.split())
    return {"category": dict(categories), "area": dict(areas), "amenity": dict(amenities)}
