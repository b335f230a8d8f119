"""The CSV import of directory listings (the export's columns, resources_directory/opendata.py).

Every row is parsed and validated as before (the same field errors, by line and column); then, only when the whole
file is valid, all rows are written in bulk in one transaction (resources_directory/publishing.py): new pages with
their tree paths, updated pages, child rows, a revision per page, the search indexes once at the end. Dry-run
stops after validation, so it writes nothing at all.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Page

from resources_directory.models import AMENITIES, Area, Category, Closure, ListingPage, OpeningHours
from resources_directory.opendata import (
    CLOSURE_RE,
    CLOSURE_SPLIT_RE,
    COLUMNS,
    DAYS,
    FALSE,
    FIELD_COLUMNS,
    SCHEDULE_RE,
    TEXT_COLUMNS,
    TRUE,
    unneutralise,
)
from resources_directory.publishing import ImportedListing, publish_listings


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


# Filled in by the bulk writer (tree position, publication) or not part of the row.
NOT_FROM_ROW = [
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
    # Areas are the rows read from the database at the start (an unknown area is reported by parse_row): Django's
    # foreign key check would ask the database again for every row.
    "area",
]


def prepare_listing(existing, values, category_list, hours, closures, line, report, *, locale, taken_slugs):
    """The page with the row's values set and validated (``full_clean``, as before), or None. Nothing is written.

    ``taken_slugs``: the slugs of the directory's other children. An updated page keeps its slug (rows are
    matched by it), and Wagtail's sibling-slug check runs against that set instead of one query per row; a new
    page has no tree position yet, so the same set is checked here.
    """
    page = existing or ListingPage(locale=locale)
    old_title = page.title
    for name, value in values.items():
        setattr(page, name, value)
    page.categories = category_list
    page.opening_hours = hours
    page.closures = closures
    if existing is None and page.slug in taken_slugs:
        report.add(line, "id", _("The slug %(slug)r is already used by another page in the directory.") % values)
        return None
    try:
        page._slug_is_available = lambda slug, parent_page, page=None: slug not in taken_slugs
        page.full_clean(exclude=NOT_FROM_ROW)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            for message in messages:
                report.add(line, FIELD_COLUMNS.get(name, "*"), message)
        return None
    finally:
        del page._slug_is_available
    return ImportedListing(page=page, hours=hours, closures=closures, categories=category_list, old_title=old_title)


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
    categories = {category.slug: category for category in Category.objects.in_default_locale()}
    # Areas belong to a hub: a directory names only its own hub's areas.
    hub_homes = Page.objects.ancestor_of(directory, inclusive=True)
    areas = {area.slug: area for area in Area.objects.in_default_locale().filter(hub__site__root_page__in=hub_homes)}
    existing = {page.slug: page for page in ListingPage.objects.child_of(directory).specific()}
    for page in existing.values():
        page._cached_parent_obj = directory  # treebeard's cache: Wagtail's slug check asks for the parent
    listing_ids = {page.pk for page in existing.values()}
    children = directory.get_children().values_list("pk", "slug")
    taken_slugs = {slug for pk, slug in children if pk not in listing_ids}
    locale = directory.locale
    seen = set()
    listings = []
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
        listing = prepare_listing(
            existing.get(values["slug"]), *parsed, line, report, locale=locale, taken_slugs=taken_slugs
        )
        if listing is not None:
            listings.append(listing)
    if not report.errors:
        report.created = sum(1 for listing in listings if listing.page.pk is None)
        report.updated = len(listings) - report.created
        if not dry_run:
            with transaction.atomic():
                publish_listings(directory, listings)
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
