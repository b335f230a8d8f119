"""Open-data export (CSV and JSON) of all live listings and the CSV import that reads the same columns.

Column names follow Open Referral HSDS where a field maps (see docs/directory.md for the mapping).
Schedules use HSDS/iCalendar BYDAY codes: ``TU 10:00-11:30`` every Tuesday, ``2TU`` the 2nd Tuesday,
``-1FR`` the last Friday; several are separated by ``;``. Closures are ``YYYY-MM-DD/YYYY-MM-DD note``.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpResponse, JsonResponse
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from resources_directory.models import AMENITIES, Area, Category, Closure, ListingPage, OpeningHours

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


# --- import ---


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list = field(default_factory=list)  # (line, column, message)

    def add(self, line, column, message):
        self.errors.append((line, column, str(message)))

    def lines(self):
        return [f"line {line}, column {column}: {message}" for line, column, message in self.errors]


def parse_time(text):
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def parse_row(row, line, report, categories, areas):
    """Values for one listing, or None after adding the row's problems to the report."""
    before = len(report.errors)
    values = {model: unneutralise((row.get(column) or "").strip()) for column, model in TEXT_COLUMNS.items()}
    values["slug"] = (row.get("id") or "").strip() or slugify(values["title"]) or ""
    if not values["title"]:
        report.add(line, "name", "This column is required.")
    if not values["slug"]:
        report.add(line, "id", "This column is required (a slug of ASCII letters, digits and hyphens).")
    for column, model, cast in [
        ("latitude", "latitude", float),
        ("longitude", "longitude", float),
        ("minimum_age_months", "min_age_months", int),
        ("maximum_age_months", "max_age_months", int),
        ("assured_date", "last_verified", date.fromisoformat),
    ]:
        text = (row.get(column) or "").strip()
        try:
            values[model] = cast(text) if text else None
        except ValueError:
            report.add(line, column, f"Not a valid value: {text!r}.")
    booking = (row.get("booking_required") or "").strip().lower()
    if booking not in TRUE | FALSE:
        report.add(line, "booking_required", "Use true or false.")
    values["booking_required"] = booking in TRUE
    amenities = [a.strip() for a in (row.get("amenities") or "").split(";") if a.strip()]
    for amenity in amenities:
        if amenity not in AMENITIES:
            report.add(line, "amenities", f"Unknown amenity {amenity!r} (use {', '.join(AMENITIES)}).")
    for key in AMENITIES:
        values[key] = key in amenities
    area_slug = (row.get("area") or "").strip()
    values["area"] = areas.get(area_slug) if area_slug else None
    if area_slug and values["area"] is None:
        report.add(line, "area", f"Unknown area {area_slug!r}.")
    category_slugs = [c.strip() for c in (row.get("categories") or "").split(";") if c.strip()]
    for slug in category_slugs:
        if slug not in categories:
            report.add(line, "categories", f"Unknown category {slug!r}.")
    hours = []
    for part in filter(None, (p.strip() for p in (row.get("schedules") or "").split(";"))):
        match = SCHEDULE_RE.match(part)
        try:
            if not match:
                raise ValueError
            opens, closes = parse_time(match["opens"]), parse_time(match["closes"])
        except ValueError:
            report.add(line, "schedules", f"Not a schedule like 'TU 10:00-11:30' or '2TU 10:00-11:30': {part!r}.")
            continue
        if closes <= opens:
            report.add(line, "schedules", f"Closing time must be after the opening time: {part!r}.")
        hours.append(
            OpeningHours(
                weekday=DAYS.index(match["day"]), week_of_month=int(match["nth"] or 0), opens=opens, closes=closes
            )
        )
    closures = []
    for part in filter(None, (p.strip() for p in CLOSURE_SPLIT_RE.split(row.get("closures") or ""))):
        match = CLOSURE_RE.match(part)
        try:
            if not match:
                raise ValueError
            start, end = date.fromisoformat(match["start"]), date.fromisoformat(match["end"])
        except ValueError:
            report.add(line, "closures", f"Not a closure like '2026-12-28/2027-01-04 年末年始': {part!r}.")
            continue
        if end < start:
            report.add(line, "closures", f"The end date is before the start date: {part!r}.")
        closures.append(Closure(start_date=start, end_date=end, note=(match["note"] or "")[:255]))
    if len(report.errors) > before:
        return None
    return values, [categories[slug] for slug in category_slugs], hours, closures


def save_listing(directory, existing, values, category_list, hours, closures, line, report):
    page = existing or ListingPage()
    for name, value in values.items():
        setattr(page, name, value)
    page.categories = category_list
    page.opening_hours = hours
    page.closures = closures
    try:
        page.full_clean(
            exclude=[
                "path",
                "depth",
                "numchild",
                "url_path",
                "content_type",
                "draft_title",
                "live",
                "owner",
                "locale",
                "translation_key",
            ]
        )
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            for message in messages:
                report.add(line, FIELD_COLUMNS.get(name, "*"), message)
        return
    if existing is None:
        directory.add_child(instance=page)
        report.created += 1
    else:
        report.updated += 1
    page.save_revision().publish()


def records(stream, report):
    """(first line, cells) of each non-blank CSV record; a record the csv module cannot read ends the file."""
    reader = csv.reader(stream)
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            report.add(max(start, reader.line_num), "*", f"Not readable as CSV: {error}.")
            return
        if row:
            yield start, row


def import_csv(stream, directory, dry_run=False):
    """Import rows (a text stream) below ``directory``. All rows or none: any error rolls everything back.

    Errors are ``(line, column, message)``: the first physical line of the record, and a header column name,
    or ``*`` for the whole line (unreadable CSV, extra cells, a problem between columns).
    """
    report = ImportReport()
    rows = records(stream, report)
    header_line, header = next(rows, (1, []))
    names = [name.lstrip("\ufeff") for name in header]
    missing = [column for column in ("id", "name") if column not in names]
    if missing:
        report.add(header_line, ", ".join(missing), "Missing column(s) in the header.")
        return report
    for index, name in enumerate(names):
        if name and name not in COLUMNS:
            report.add(header_line, name, "Unknown column.")
        elif name and name in names[:index]:
            report.add(header_line, name, "Duplicate column.")
    categories = {category.slug: category for category in Category.objects.all()}
    areas = {area.slug: area for area in Area.objects.all()}
    existing = {page.slug: page for page in ListingPage.objects.child_of(directory).specific()}
    seen = set()
    with transaction.atomic():
        for line, cells in rows:
            before = len(report.errors)
            if any(cells[len(names) :]):
                report.add(line, "*", f"{len(cells)} cells, but the header has {len(names)} columns.")
            row = dict(zip(names, cells, strict=False))
            for column, value in row.items():
                if "\x00" in value:
                    report.add(line, column, "Contains a NUL character.")
            if len(report.errors) > before:
                continue
            parsed = parse_row(row, line, report, categories, areas)
            if parsed is None:
                continue
            values = parsed[0]
            if values["slug"] in seen:
                report.add(line, "id", f"Duplicate id {values['slug']!r} in the file.")
                continue
            seen.add(values["slug"])
            save_listing(directory, existing.get(values["slug"]), *parsed, line, report)
        if report.errors or dry_run:
            transaction.set_rollback(True)
    report.errors = [
        (line, column, message if column == "*" or column in names else f"{message} (column missing from the header)")
        if line != header_line
        else (line, column, message)
        for line, column, message in report.errors
    ]
    return report


def import_csv_bytes(data, directory, dry_run=False):
    """Decode (UTF-8, with or without BOM) and import; undecodable bytes are reported by line and column."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        report = ImportReport()
        prefix = data[: error.start].decode("utf-8-sig")
        line = len(re.split(r"\r\n|\r|\n", prefix))
        try:
            cells = list(csv.reader(io.StringIO(prefix, newline="")))
        except csv.Error:
            cells = []
        at_line_start = prefix[-1:] in ("", "\r", "\n")
        header = cells[0] if cells and (len(cells) > 1 or at_line_start) else []
        index = 0 if at_line_start else len(cells[-1]) - 1
        column = header[index].lstrip("\ufeff") if 0 <= index < len(header) else "*"
        report.add(line, column, "Not UTF-8 text: save the file as CSV UTF-8 (Shift_JIS is not read).")
        return report
    return import_csv(io.StringIO(text, newline=""), directory, dry_run=dry_run)


def export_csv_text():
    stream = io.StringIO()
    write_csv(export_rows(), stream)
    return stream.getvalue()
