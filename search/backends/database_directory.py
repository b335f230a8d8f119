"""Directory search on the database (SQLite or PostgreSQL): the query compiler for ``ListingDocument``.

Every answer has the engine's ids, order, scores, count and facet counts (tests/search/test_directory_parity.py):

* Filters and each term's tier are SQL: ``LIKE '% t1 t2 %'`` on the padded token streams of
  ``ListingDocumentText``, ``LIKE '% key %'`` on the key lists, ranges on ages and coordinates. A required
  term first narrows the rows through the full-text index (SQLite FTS5, PostgreSQL GIN; migration 0004), so
  the ``LIKE`` and the score run on the listings that hold its tokens, not on every listing.
* Without a radius, the count and every facet come from one ``GROUP BY`` (hub, area, categories) in SQL, and the page
  from one ``ORDER BY … LIMIT``: by reading in code-point order (``COLLATE "C"`` / ``BINARY``, whatever the
  database's own collation), or by score. Nothing per listing reaches Python.
* Nearest first: circles that grow until one holds the whole page (every place closer than the last one shown is
  then inside it), each read through the place index (R*Tree / GiST) and ordered by distance in SQL, so a family
  search reads the places around it, not the city.
* A radius: the bounding box on the index, then the exact distance in SQL (the same haversine, step for step).
"""

import math
from collections import Counter

from django.db import connection
from django.db.models import Case, Count, F, FloatField, IntegerField, Max, Min, Q, Sum, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Collate

from search.directory.query import TIERS, ListingHits
from search.geo import EARTH_RADIUS_KM, bounding_box

FIRST_RING_KM = 0.5
RING_MARGIN = 2  # the first circle's radius: twice what evenly spread places would need for the page
KM_PER_DEGREE = EARTH_RADIUS_KM * math.pi / 180
SPREAD = {
    "min_lat": Min("latitude"),
    "max_lat": Max("latitude"),
    "min_lng": Min("longitude"),
    "max_lng": Max("longitude"),
}
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


def _words_index(term):
    """The listings whose full-text index holds one of the term's token sequences (a superset of the matches), or
    None where there is no index (another database) or a sequence the index cannot read (no letter or digit)."""
    phrases = [" ".join(sequence) for sequence in term.alternatives]
    if not phrases or not all(any(c.isalnum() for c in phrase) for phrase in phrases):
        return None
    if connection.vendor == "sqlite":
        expression = " OR ".join('"{}"'.format(phrase.replace('"', '""')) for phrase in phrases)
        sql = "SELECT rowid FROM site_search_listingwords WHERE site_search_listingwords MATCH %s"
        return RawSQL(sql, [expression])
    if connection.vendor == "postgresql":
        # The ids are read first (through the GIN index) and passed as one array: as a subquery the planner may
        # choose to recompute the tsvector of every listing for every row. All the tokens, not the phrase: a GIN
        # index answers that without rereading each row's text (a phrase needs positions, which it does not keep).
        tsquery = " || ".join(["plainto_tsquery('simple', %s)"] * len(phrases))
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT document_id FROM site_search_listingdocumenttext WHERE to_tsvector('simple', name_tokens"
                f" || ' ' || label_tokens || ' ' || body_tokens) @@ ({tsquery})",
                phrases,
            )
            ids = [row[0] for row in cursor.fetchall()]
        return RawSQL("SELECT unnest(%s::bigint[])", [ids])
    return None


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
    if query.hubs:
        rows = rows.filter(hub__in=list(query.hubs))
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
    if query.only_ids is not None:
        rows = rows.filter(listing_id__in=list(query.only_ids))
    rows = _in_languages(rows, query)
    names = []
    for n, term in enumerate(query.terms):
        names.append(f"term_{n}")
        rows = rows.alias(**{names[-1]: _term_score(term)})
        if term.required:
            candidates = _words_index(term)
            if candidates is not None:
                rows = rows.filter(listing_id__in=candidates)
            rows = rows.filter(**{f"{names[-1]}__gt": 0})
    score = sum((F(name) for name in names[1:]), F(names[0])) if names else Value(0)
    return rows.annotate(score=score)


def _in_languages(rows, query):
    """One language group's documents (search.languages) and the staff-language filter (any of)."""
    if query.locales is not None:
        rows = rows.filter(locale__in=list(query.locales))
    if query.translated_to:
        rows = rows.exclude(translated__contains=f" {query.translated_to} ")
    if query.staff_languages:
        rows = rows.filter(_any_of("staff_languages", query.staff_languages))
    return rows


BOX_MARGIN = 1e-3  # degrees (~100 m): the R*Tree's 32-bit floats; the exact distance is measured after the box
MAX_BOX_KM = 200  # a larger circle may cross a pole or ±180°, where a latitude/longitude box is no bound: no box


def _in_box(rows, origin, radius_km):
    """The rows in the bounding box of the circle, found through the place index (migration 0004)."""
    if radius_km > MAX_BOX_KM:
        return rows.filter(latitude__isnull=False)
    min_lat, max_lat, min_lng, max_lng = bounding_box(*origin, radius_km)
    if min_lat < -90 or max_lat > 90 or min_lng < -180 or max_lng > 180:
        return rows.filter(latitude__isnull=False)
    rows = rows.filter(latitude__range=(min_lat, max_lat), longitude__range=(min_lng, max_lng))
    box = [min_lat - BOX_MARGIN, max_lat + BOX_MARGIN, min_lng - BOX_MARGIN, max_lng + BOX_MARGIN]
    if connection.vendor == "sqlite":
        sql = (
            "SELECT id FROM site_search_listingplaces"
            " WHERE min_lat >= %s AND max_lat <= %s AND min_lng >= %s AND max_lng <= %s"
        )
        return rows.filter(listing_id__in=RawSQL(sql, box))
    if connection.vendor == "postgresql":
        sql = (
            "SELECT listing_id FROM site_search_listingdocument"
            " WHERE point(longitude, latitude) <@ box(point(%s, %s), point(%s, %s))"
        )
        return rows.filter(listing_id__in=RawSQL(sql, [box[2], box[0], box[3], box[1]]))
    return rows


def _distance_km(origin):
    """search.geo.haversine_km in SQL, step for step (Django supplies the math functions SQLite may lack)."""
    least = "LEAST" if connection.vendor == "postgresql" else "MIN"
    lat, lng = (math.radians(value) for value in origin)
    sql = (
        f"2 * %s * ASIN({least}(1.0, SQRT(POWER(SIN((RADIANS(latitude) - %s) / 2), 2)"
        " + COS(%s) * COS(RADIANS(latitude)) * POWER(SIN((RADIANS(longitude) - %s) / 2), 2))))"
    )
    return RawSQL(sql, [EARTH_RADIUS_KM, lat, lat, lng], output_field=FloatField())


def _within(rows, origin, radius_km):
    """The rows inside the circle: the bounding box on the index, then the exact distance."""
    return _in_box(rows, origin, radius_km).alias(distance=_distance_km(origin)).filter(distance__lte=radius_km)


def search_directory(query, backend="database"):
    rows = _filtered(query)
    if query.origin is not None and query.radius_km:
        rows = _within(rows, query.origin, query.radius_km)
    count, located, facets, spread = _totals(rows, query.facets)
    if query.sort == "distance" and query.origin is not None:
        window = _nearest(rows, query, count, located, spread)
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


def _spread(boxes):
    """(min lat, max lat, min lng, max lng) of the places with coordinates, from per-group boxes, or None."""
    boxes = [box for box in boxes if box[0] is not None]
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        max(b[1] for b in boxes),
        min(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _totals(rows, with_facets):
    """(count, how many have coordinates, facet counts, their box) in one aggregate query."""
    from resources_directory.models import AMENITIES

    rows = rows.order_by()
    if not with_facets:
        totals = rows.aggregate(count=Count("pk"), located=Count("latitude"), **SPREAD)
        return totals["count"], totals["located"], {}, _spread([tuple(totals[key] for key in SPREAD)])
    keys = list(AMENITIES)
    per_key = {
        f"amenity_{n}": Sum(
            Case(When(amenities__contains=f" {key} ", then=Value(1)), default=Value(0)), output_field=IntegerField()
        )
        for n, key in enumerate(keys)
    }
    groups = rows.values("hub", "area", "categories", "staff_languages").annotate(
        count=Count("pk"), located=Count("latitude"), **per_key, **SPREAD
    )
    count = located = 0
    categories, areas, amenities, hubs, staff = Counter(), Counter(), Counter(), Counter(), Counter()
    boxes = []
    for hub, area, category_list, staff_list, group_count, group_located, *rest in groups.values_list(
        "hub", "area", "categories", "staff_languages", "count", "located", *per_key, *SPREAD
    ):
        per_amenity, box = rest[: len(keys)], rest[len(keys) :]
        boxes.append(tuple(box))
        count += group_count
        located += group_located
        if hub:
            hubs[hub] += group_count
        if area:
            areas[area] += group_count
        for slug in category_list.split():
            categories[slug] += group_count
        for key in staff_list.split():
            staff[key] += group_count
        for key, n in zip(keys, per_amenity, strict=True):
            amenities[key] += n
    facets = {
        "category": dict(categories),
        "area": dict(areas),
        "amenity": {k: v for k, v in amenities.items() if v},
        "hub": dict(hubs),
        "lang_staff": dict(staff),
    }
    return count, located, facets, _spread(boxes)


def _first_ring(need, located, spread):
    """The first circle's radius: if the places were spread evenly over their box, RING_MARGIN² times the page
    would be inside it (at least FIRST_RING_KM). So one query usually holds the page, whether the search covers
    one hub's ward or the whole city (where a fixed small circle needed two or three)."""
    if spread is None:
        return FIRST_RING_KM
    min_lat, max_lat, min_lng, max_lng = spread
    height = (max_lat - min_lat) * KM_PER_DEGREE
    width = (max_lng - min_lng) * KM_PER_DEGREE * math.cos(math.radians((min_lat + max_lat) / 2))
    even = math.sqrt(need / located * height * width / math.pi)
    return min(max(FIRST_RING_KM, RING_MARGIN * even), WHOLE_EARTH_KM)


def _nearest(rows, query, count, located, spread):
    """[(listing_id, score)] of the page, nearest first, then the places without coordinates by reading.

    Circles that grow ×4 from the first ring (``_first_ring``), each read through the place index and ordered in
    SQL, until one holds the whole page: every place closer than the last one shown is then inside it.
    """
    need = query.offset + query.limit
    if query.offset >= count:
        return []
    near = []
    if located:
        wanted = min(need, located)
        # Few places, or a page beyond them: every place with coordinates at once, in one query.
        everything = located <= ONE_BOX_UP_TO or need >= located
        radius = WHOLE_EARTH_KM if everything else _first_ring(need, located, spread)
        limit = query.radius_km or WHOLE_EARTH_KM  # a radius query's rows are already its circle
        while True:
            whole = query.radius_km and radius >= query.radius_km
            circle = rows if whole else _within(rows, query.origin, radius)
            ring = circle.order_by("distance", _reading(), "listing_id")
            near = list(ring.values_list("listing_id", "score")[:need])
            if len(near) >= wanted or radius >= limit:
                break
            radius = min(radius * RING_GROWTH, limit)
    window = near
    if need > located and count > located:
        elsewhere = rows.filter(latitude__isnull=True).order_by(_reading(), "listing_id")
        window += list(elsewhere.values_list("listing_id", "score")[: need - located])
    return window[query.offset :]
