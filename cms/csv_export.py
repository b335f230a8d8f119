"""CSV answers the admin offers for Excel: UTF-8 with a byte order mark, and no cell a spreadsheet runs as a formula.

Used by the city view of goals (``goals.city_views``) and a date's bookings (``bookings.admin_views``).
"""

import csv
import io

from django.http import HttpResponse

# Cells that a spreadsheet would read as a formula (CSV injection); written with a leading apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def csv_response(rows):
    """UTF-8 with a byte order mark, so Excel opens the Japanese text correctly."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([[safe_cell(cell) for cell in row] for row in rows])
    return HttpResponse(buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
