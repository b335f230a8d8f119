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
]
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
    }


def live_listings():
    """Every live, public listing in the directory's reading order (from the search layer), with its relations."""
    from search.directory import all_listing_ids

    ids = all_listing_ids()
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
    return [pages[pk] for pk in ids if pk in pages]


def export_rows(request=None):
    return [listing_row(page, request) for page in live_listings()]


def write_csv(rows, stream):
    writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({**row, **{column: neutralise(row[column]) for column in TEXT_COLUMNS}} for row in rows)


@require_GET
def export_csv(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="directory.csv"'
    response.write("\ufeff")  # BOM so that spreadsheet software reads the Japanese text as UTF-8
    write_csv(export_rows(request), response)
    return response


@require_GET
def export_json(request):
    return JsonResponse(
        {"format": "HSDS-like flat services", "columns": COLUMNS, "services": export_rows(request)},
        json_dumps_params={"ensure_ascii": False},
    )


def export_csv_text():
    stream = io.StringIO()
    write_csv(export_rows(), stream)
    return stream.getvalue()
