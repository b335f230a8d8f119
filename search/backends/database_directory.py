"""Directory search on the database (SQLite or PostgreSQL): the query compiler for ``ListingDocument``.

Structured filters and each term's tier are SQL (``LIKE '% t1 t2 %'`` on the padded token streams, an index on
the coordinates for the bounding box of a radius); one query returns every match's sort keys and facet values,
and Python sorts, windows and counts them, so the order is code-point order of the reading on every database
(PostgreSQL's collation would otherwise decide) and the same as the engine's keyword order.
"""

import math
from collections import Counter

from django.db.models import Case, IntegerField, Q, Value, When

from search.directory.query import TIERS, ListingHits
from search.geo import bounding_box, haversine_km


def _term_score(term):
    whens = []
    for field, weight in TIERS:
        condition = Q()
        for sequence in term.alternatives:
            condition |= Q(**{f"{field}__contains": f" {' '.join(sequence)} "})
        whens.append(When(condition, then=Value(weight)))
    return Case(*whens, default=Value(0), output_field=IntegerField())


def _any_of(field, values):
    condition = Q()
    for value in values:
        condition |= Q(**{f"{field}__contains": f" {value} "})
    return condition


def _filtered(query):
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
    if query.origin is not None and query.radius_km:
        min_lat, max_lat, min_lng, max_lng = bounding_box(*query.origin, query.radius_km)
        rows = rows.filter(latitude__range=(min_lat, max_lat), longitude__range=(min_lng, max_lng))
    return rows


def search_directory(query, backend="database"):
    rows = _filtered(query)
    names = []
    for n, term in enumerate(query.terms):
        name = f"term_{n}"
        rows = rows.annotate(**{name: _term_score(term)})
        if term.required:
            rows = rows.filter(**{f"{name}__gt": 0})
        names.append(name)
    columns = ["listing_id", "reading", "latitude", "longitude", *names]
    if query.facets:
        columns += ["categories", "area", "amenities"]
    matches = []
    origin, radius = query.origin, query.radius_km
    for row in rows.values_list(*columns):
        listing_id, reading, lat, lng = row[:4]
        distance = math.inf
        if origin is not None and lat is not None:
            distance = haversine_km(origin, (lat, lng))
            if radius and distance > radius:
                continue
        elif origin is not None and radius:
            continue
        score = sum(row[4 : 4 + len(names)])
        matches.append((listing_id, reading, distance, score, row[4 + len(names) :]))
    if query.sort == "distance" and origin is not None:
        matches.sort(key=lambda m: (m[2], m[1], m[0]))
    elif query.sort == "relevance":
        matches.sort(key=lambda m: (-m[3], m[1], m[0]))
    else:
        matches.sort(key=lambda m: (m[1], m[0]))
    window = matches[query.offset : query.offset + query.limit]
    return ListingHits(
        ids=[m[0] for m in window],
        count=len(matches),
        facets=_facets(matches) if query.facets else {},
        backend=backend,
        scores=[m[3] for m in window],
    )


def _facets(matches):
    categories, areas, amenities = Counter(), Counter(), Counter()
    for *_keys, (category_list, area, amenity_list) in matches:
        categories.update(category_list.split())
        if area:
            areas[area] += 1
        amenities.update(amenity_list.split())
    return {"category": dict(categories), "area": dict(areas), "amenity": dict(amenities)}
