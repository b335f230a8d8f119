"""Admin: every hub's priority goals for a fiscal year (/admin/city/goals/) and the same table as CSV or xlsx.

Only users with goals.view_city_overview (the City staff group) and superusers; everyone else gets Wagtail's
"permission denied" (a redirect to the dashboard with a message). Bad filters answer 400 with the form's errors.
"""

import io
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from cms.csv_export import csv_response
from goals.city import CityGoalsForm, available_years, can_view, export_rows, hub_columns, wards_of
from goals.eras import fiscal_year_label
from home.hubs import all_hubs

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def filtered(request):
    """(form, hubs, columns); columns is None when the form is invalid."""
    if not can_view(request.user):
        raise PermissionDenied
    hubs = list(all_hubs())
    form = CityGoalsForm(request.GET, years=available_years(), wards=wards_of(hubs))
    if not form.is_valid():
        return form, None
    year, wards, area = form.filters()
    selected = [hub for hub in hubs if not wards or hub.ward in wards]
    return form, hub_columns(selected, year, area)


def city_goals(request):
    form, columns = filtered(request)
    context = {"form": form, "columns": columns, "page_title": _("Priority goals of all hubs")}
    if columns is None:
        return TemplateResponse(request, "goals/admin/city_goals.html", context, status=400)
    year, wards, area = form.filters()
    query = urlencode({"year": year or "", "area": area, "ward": wards}, doseq=True)
    context.update(
        year=year,
        year_label=fiscal_year_label(year) if year else "",
        query=query,
        goal_count=sum(len(column.rows) for column in columns),
        hubs=[(column, column.chain_links(request)) for column in columns],
    )
    return TemplateResponse(request, "goals/admin/city_goals.html", context)


def export(request, kind):
    form, columns = filtered(request)
    if columns is None:
        errors = [f"{form.fields[name].label}: {' '.join(messages)}" for name, messages in form.errors.items()]
        return HttpResponseBadRequest("\n".join(errors), content_type="text/plain; charset=utf-8")
    year = form.filters()[0]
    rows = export_rows(columns, year)
    name = f"city-goals-{year or 'none'}"
    response = csv_response(rows) if kind == "csv" else xlsx_response(rows)
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response


def xlsx_response(rows):
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Priority goals"))
    sheet.freeze_panes = "A2"
    for column, width in zip("ABCDEFGH", (10, 30, 12, 10, 8, 70, 28, 24), strict=True):
        sheet.column_dimensions[column].width = width
    for number, row in enumerate(rows):
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
            if number == 0:
                cell.font = Font(bold=True)
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
