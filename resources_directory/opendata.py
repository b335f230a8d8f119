"""Open-data export (CSV and JSON) of all live listings and the CSV import that reads the same columns.

Column names follow Open Referral HSDS where a field maps (see docs/directory.md for the mapping).
Schedules use HSDS/iCalendar BYDAY codes: ``TU 10:00-11:30`` every Tuesday, ``2TU`` the 2nd Tuesday,
``-1FR`` the last Friday; several are separated by ``;``. Closures are ``YYYY-MM-DD/YYYY-MM-DD note``.
"""

import csv
import io
import re

from django.db.models import Prefetch
from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from resources_directory.models import Closure, ListingPage, OpeningHours

COLUMNS = [
    "id",
    "name",
    "alternate_name",
    "description",
    "organization_name",
    "categories",
    "area",
    "address_1",
    "postal_code",
    "latitude",
    "longitude",
    "minimum_age_months",
    "maximum_age_months",
    "fees_description",
    "booking_required",
    "application_process",
    "schedules",
    "closures",
    "amenities",
    "languages",
    "phone",
    "url",
    "assured_date",
    "page_url",
    "hub",
    "hub_name",
    "hub_ward",
]
# page_url and the hub columns (the hub whose site lists the place) are export only: the import ignores them.
# Column → model field, where it is a plain copy.
TEXT_COLUMNS = {
    "name": "title",
    "alternate_name": "kana",
    "description": "summary",
    "organization_name": "organisation",
    "address_1": "address",
    "postal_code": "postal_code",
    "fees_description": "fee",
    "application_process": "booking_info",
    "languages": "languages",
    "phone": "phone",
    "url": "website",
}
FIELD_COLUMNS = {
    **{model: column for column, model in TEXT_COLUMNS.items()},
    "slug": "id",
    "latitude": "latitude",
    "longitude": "longitude",
    "min_age_months": "minimum_age_months",
    "max_age_months": "maximum_age_months",
    "last_verified": "assured_date",
    "area": "area",
}
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
SCHEDULE_RE = re.compile(
    r"^(?P<nth>-1|[1-5])?(?P<day>MO|TU|WE|TH|FR|SA|SU)\s+(?P<opens>\d{1,2}:\d{2})-(?P<closes>\d{1,2}:\d{2})$"
)
CLOSURE_RE = re.compile(r"^(?P<start>\d{4}-\d{2}-\d{2})/(?P<end>\d{4}-\d{2}-\d{2})(?:\s+(?P<note>.*))?$", re.DOTALL)
# Closures are split on ";" only where a date range follows, so a note may contain ";".
CLOSURE_SPLIT_RE = re.compile(r";(?=\s*\d{4}-\d{2}-\d{2}/)")
# Spreadsheet formula injection: free-text cells starting with = + - @ (or tab/CR) get a leading "'" in the CSV
# export; quotes already in front of such a character get one more, so the import can undo it exactly.
FORMULA_RE = re.compile(r"^'*[=+\-@\t\r]")
TRUE, FALSE = {"true", "1", "yes", "はい"}, {"false", "0", "no", "いいえ", ""}


def neutralise(value):
    return "'" + value if FORMULA_RE.match(value) else value


def unneutralise(value):
    return value[1:] if value.startswith("'") and FORMULA_RE.match(value) else value


def format_schedule(hours):
    nth = "" if hours.week_of_month == 0 else str(hours.week_of_month)
    return f"{nth}{DAYS[hours.weekday]} {hours.opens:%H:%M}-{hours.closes:%H:%M}"


def number(value):
    return "" if value is None else str(value)


def listing_row(page, request=None):
    hub = getattr(page, "hub", None)
    return {
        "id": page.slug,
        "name": page.title,
        "alternate_name": page.kana,
        "description": page.summary,
        "organization_name": page.organisation,
        "categories": ";".join(category.slug for category in page.categories.all()),
        "area": page.area.slug if page.area else "",
        "address_1": page.address,
        "postal_code": page.postal_code,
        "latitude": number(page.latitude),
        "longitude": number(page.longitude),
        "minimum_age_months": number(page.min_age_months),
        "maximum_age_months": number(page.max_age_months),
        "fees_description": page.fee,
        "booking_required": "true" if page.booking_required else "false",
        "application_process": page.booking_info,
        "schedules": "; ".join(format_schedule(hours) for hours in page.opening_hours.all()),
        "closures": "; ".join(
            f"{c.start_date.isoformat()}/{c.end_date.isoformat()}{' ' + c.note if c.note else ''}"
            for c in page.closures.all()
        ),
        "amenities": ";".join(page.amenities),
        "languages": page.languages,
        "phone": page.phone,
        "url": page.website,
        "assured_date": page.last_verified.isoformat() if page.last_verified else "",
        "page_url": (request.build_absolute_uri(page.url) if request else page.url) or "",
        "hub": (hub.slug or "") if hub else "",
        "hub_name": hub.hub_name if hub else "",
        "hub_ward": hub.ward if hub else "",
    }


def live_listings(hubs=()):
    """Every live, public listing (of these hub keys; none: every hub) in the directory's reading order (from the
    search layer), with its relations and its hub (``page.hub``)."""
    from home.hubs import hub_finder
    from search.directory import all_listing_ids
    from search.directory.hubs import read_hubs

    ids = all_listing_ids(hubs=hubs)
    hub_of = hub_finder(read_hubs())
    pages = {}
    for start in range(0, len(ids), 500):
        chunk = (
            ListingPage.objects.live()
            .public()
            .filter(pk__in=ids[start : start + 500])
            .select_related("area")
            .prefetch_related(
                "categories",
                # pk breaks ties: rows made outside the admin (factories, demo) have no sort_order, and PostgreSQL
                # would otherwise return them in any order.
                Prefetch("opening_hours", OpeningHours.objects.order_by("sort_order", "pk")),
                Prefetch("closures", Closure.objects.order_by("sort_order", "pk")),
            )
        )
        pages.update((page.pk, page) for page in chunk)
    listed = [pages[pk] for pk in ids if pk in pages]
    for page in listed:
        page.hub = hub_of(page.path)
    return listed


def export_rows(request=None, hubs=()):
    return [listing_row(page, request) for page in live_listings(hubs)]


def requested_hubs(request):
    """(hub keys, None) from ``?hub=<key>`` (repeatable; ``all`` or none: every hub), or (None, a 400 answer)."""
    from resources_directory.filters import UNKNOWN_HUB
    from search.directory.hubs import ALL, read_hubs

    asked = [key for key in dict.fromkeys(request.GET.getlist("hub")) if key]
    if ALL in asked or not asked:
        return [], None
    known = {hub.slug for hub in read_hubs()}
    unknown = [key for key in asked if key not in known]
    if unknown:
        message = str(UNKNOWN_HUB) % {"value": ", ".join(unknown)}
        return None, JsonResponse({"errors": {"hub": [message]}}, status=400, json_dumps_params={"ensure_ascii": False})
    return asked, None


def write_csv(rows, stream):
    writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({**row, **{column: neutralise(row[column]) for column in TEXT_COLUMNS}} for row in rows)


@require_GET
def export_csv(request):
    hubs, error = requested_hubs(request)
    if error:
        return error
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="directory.csv"'
    response.write("\ufeff")  # BOM so that spreadsheet software reads the Japanese text as UTF-8
    write_csv(export_rows(request, hubs), response)
    return response


@require_GET
def export_json(request):
    hubs, error = requested_hubs(request)
    if error:
        return error
    return JsonResponse(
        {"format": "HSDS-like flat services", "columns": COLUMNS, "services": export_rows(request, hubs)},
        json_dumps_params={"ensure_ascii": False},
    )


def export_csv_text():
    stream = io.StringIO()
    write_csv(export_rows(), stream)
    return stream.getvalue()
