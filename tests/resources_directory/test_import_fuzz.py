"""Property tests (hypothesis) for the directory CSV import and the open-data CSV export.

1. Any file (random cells, Shift_JIS, missing/extra columns, huge cells, formula-like cells, BOMs, CR/LF
   variants, NULs) ends in success or the importer's own error (CommandError), and an error changes nothing.
2. Export → import of generated valid listings is a round trip.
3. Every reported error names a line of the file and a header column (or says the column is missing, or ``*``).
"""

import csv
import io
import re
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import Revision

from resources_directory.factories import ClosureFactory, ListingPageFactory
from resources_directory.importer import import_csv_bytes
from resources_directory.models import ListingPage
from resources_directory.opendata import COLUMNS, export_csv_text

FUZZ = settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
ERROR_LINE = re.compile(r"^line (\d+), column (.+?): (.*)$", re.DOTALL)
LINE_BREAK = re.compile(r"\r\n|\r|\n")

VALID = {
    "id": "fuzz-place",
    "name": "ふわふわ広場",
    "alternate_name": "ふわふわひろば",
    "categories": "salon;park",
    "area": "hino",
    "postal_code": "234-0054",
    "latitude": "35.38",
    "longitude": "139.59",
    "minimum_age_months": "0",
    "maximum_age_months": "36",
    "booking_required": "false",
    "schedules": "2TU 10:00-11:30; -1FR 13:00-15:00",
    "closures": "2026-12-28/2027-01-04 年末年始; 休み",
    "amenities": "nursing_room;parking",
    "phone": "+81 45-000-0000",
    "url": "https://example.org/",
    "assured_date": "2026-11-01",
}
odd_cells = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "=cmd|' /C calc'!A0",
            "+1+1",
            "-1",
            "@SUM(A1)",
            "nan",
            "inf",
            "1e400",
            "-91",
            "99999999999",
            "２４",
            "2026-02-30",
            "25:00",
            "MO 11:00-10:00",
            "2026-01-02/2026-01-01",
            "javascript:alert(1)",
            "a\x00b",
            "\ufeff",
            '"',
            "x\r\ny",
            "long " * 80,
            "x" * 140_000,
            "Bad Slug!",
            "nope",
        ]
    ),
)
header_names = st.one_of(
    st.sampled_from(COLUMNS), st.sampled_from(["", "ID", "\ufeffid", "extra"]), st.text(max_size=8)
)


@st.composite
def csv_files(draw):
    """Bytes of a CSV file: a (mutated) header, rows mixing valid and odd cells, one of several encodings."""
    header = list(COLUMNS)
    if draw(st.booleans()):
        header = draw(st.lists(header_names, max_size=len(COLUMNS) + 2))
        if draw(st.booleans()):
            header = ["id", "name", *header]
    rows = []
    for _ in range(draw(st.integers(0, 4))):
        row = [VALID.get(name, "") for name in header]
        for index in draw(st.lists(st.integers(0, max(len(header) - 1, 0)), max_size=3)):
            if row:
                row[index] = draw(odd_cells)
        row = row[: draw(st.integers(0, len(row)))] if draw(st.integers(0, 5)) == 0 else row
        if draw(st.integers(0, 5)) == 0:
            row.extend(draw(st.lists(odd_cells, min_size=1, max_size=2)))
        rows.append(row)
    out = io.StringIO()
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    csv.writer(out, lineterminator=newline).writerows([header, *rows])
    text = out.getvalue()
    if draw(st.booleans()):  # hand-broken CSV: unbalanced quotes, stray separators and blank lines
        text = text.replace(",", draw(st.sampled_from(['"', ',"', ";", "\n\n", ","])), draw(st.integers(0, 3)))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-8-sig-twice", "shift_jis", "utf-16", "raw"]))
    if encoding == "raw":
        return draw(st.binary(max_size=300))
    if encoding == "utf-8-sig-twice":
        return ("\ufeff" + text).encode("utf-8-sig")
    return text.encode(encoding, errors="replace")


def snapshot():
    return (
        sorted(ListingPage.objects.values_list("slug", "title", "latest_revision_id")),
        Revision.objects.count(),
        export_csv_text(),
    )


def file_lines(data):
    return len(LINE_BREAK.split(data.decode("utf-8-sig", errors="replace")))


def check_errors(report_lines, data):
    """Property 3: each error names a line of the file and a column of its header (or says it is missing)."""
    text = data.decode("utf-8-sig", errors="replace")
    try:
        header = next(csv.reader(io.StringIO(text, newline="")), [])
    except csv.Error:
        header = []
    header = [name.lstrip("\ufeff") for name in header]
    for report_line in report_lines:
        match = ERROR_LINE.match(report_line)
        assert match, report_line
        line, column, message = int(match[1]), match[2], match[3]
        assert 1 <= line <= file_lines(data), report_line
        if column != "*":
            assert all(name in header for name in column.split(", ")) or "missing" in message.lower(), report_line


@pytest.mark.django_db
@FUZZ
@given(data=csv_files())
def test_any_file_imports_or_fails_cleanly_and_atomically(tmp_path, places, data):
    path = tmp_path / "fuzz.csv"
    path.write_bytes(data)
    before = snapshot()
    err = io.StringIO()
    try:
        call_command("import_directory", str(path), stdout=io.StringIO(), stderr=err)
    except CommandError:
        assert snapshot() == before  # atomic: nothing changed
        assert err.getvalue(), "an error without a report"
        check_errors(err.getvalue().rstrip("\n").split("\n"), data)
    # Clean up a successful import so that the next example starts from the same four places.
    ListingPage.objects.exclude(slug__in=list(places)).delete()


def free_text(max_size):
    formula = st.sampled_from(["", "=", "+", "-", "@", "'=", "''+"])
    body = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=max_size)
    return st.builds(lambda prefix, text: (prefix + text).strip()[:max_size], formula, body)


summary_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=60).map(
    str.strip
)
listings = st.fixed_dictionaries(
    {
        "title": free_text(40).filter(bool),
        "kana": free_text(20),
        "summary": summary_text,
        "organisation": free_text(20),
        "fee": free_text(20),
        "phone": st.sampled_from(["", "045-000-0000", "+81 45-000-0000", "=1+1", "-"]),
        "latitude": st.one_of(st.none(), st.floats(-90, 90)),
        "min_age_months": st.one_of(st.none(), st.integers(0, 100)),
        "booking_required": st.booleans(),
        "nursing_room": st.booleans(),
        "last_verified": st.one_of(st.none(), st.dates(date(2000, 1, 1), date(2030, 12, 31))),
        "hours": st.lists(
            st.tuples(st.integers(0, 6), st.sampled_from([0, 1, 2, 5, -1]), st.sampled_from(["09:00", "10:30"])),
            max_size=3,
        ),
        "closure_note": st.one_of(st.none(), free_text(30), st.just("臨時; 工事\n2行目")),
    }
)


@pytest.mark.django_db
@FUZZ
@given(generated=st.lists(listings, min_size=1, max_size=3))
def test_export_then_import_is_a_round_trip(tmp_path, directory, taxonomy, generated):
    ListingPage.objects.filter(slug__startswith="gen-").delete()  # left over by a failing example
    for index, values in enumerate(generated):
        values = dict(values)
        hours = [(day, nth, opens, "12:00") for day, nth, opens in values.pop("hours")]
        note = values.pop("closure_note")
        page = ListingPageFactory(
            parent=directory,
            slug=f"gen-{index}",
            longitude=None if values["latitude"] is None else 139.59,
            max_age_months=None if values["min_age_months"] is None else values["min_age_months"] + 12,
            area=taxonomy["hino"],
            categories=[taxonomy["salon"]],
            hours=hours,
            **values,
        )
        if note is not None:
            ClosureFactory(page=page, start_date="2026-12-28", end_date="2027-01-04", note=note)
    exported = export_csv_text()
    for row in csv.DictReader(io.StringIO(exported)):
        for column in ("name", "alternate_name", "description", "organization_name", "fees_description", "phone"):
            assert not re.match(r"[=+\-@]", row[column]), row  # formula-like cells are neutralised
    ListingPage.objects.filter(slug__startswith="gen-").delete()
    report = import_csv_bytes(exported.encode("utf-8-sig"), directory)
    assert report.errors == [] and report.created == len(generated)
    for again, row in zip(strip_urls(export_csv_text()), strip_urls(exported), strict=True):
        assert {k: (v, row[k]) for k, v in again.items() if v != row[k]} == {}
    ListingPage.objects.filter(slug__startswith="gen-").delete()


def strip_urls(text):
    return [{k: v for k, v in row.items() if k != "page_url"} for row in csv.DictReader(io.StringIO(text))]
