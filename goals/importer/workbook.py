"""The document as an Excel workbook laid out like the published template, and such a workbook read back.

One sheet: the heading in column A (two rows), then a label column (A) and a value column (B): 事業実施期間 …
事業の評価実施方法及び評価結果の公表方法 (items one per line, numbered as published), the year's goals as one
block each (重点目標N, 取組内容, 取組の成果, 取組の課題; items one per line with ○) after the row
``令和3年度重点目標の評価``, and next year's goals (重点目標N, 取組内容) after the row ``次年度重点目標``.

Reading turns the rows back into the published text format and parses it (goals.importer.parser), so a
workbook is checked exactly as a text is; errors name the sheet's row. Export → import → export gives the same
cells.
"""

import io
import re
import zipfile

from django.utils.translation import gettext as _

from goals.importer import labels as doc
from goals.importer.exporter import implementers, period_text
from goals.importer.parser import parse

SHEET_TITLE = "評価書"
MAX_ROWS = 2000
MAX_UNPACKED_BYTES = 20 * 1024 * 1024  # a 1 MB upload that unpacks to more is not a document (zip bomb)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ITEM_PARTS = ((doc.ACTIONS, "action_list"), (doc.RESULTS, "result_list"), (doc.ISSUES, "issue_list"))
GOAL_ROW = re.compile(r"^重点目標\s*([0-9０-９]{1,2})$")
LEADING_BULLET = re.compile(rf"^[\s{re.escape(doc.BULLETS)}{doc.CIRCLED}]+")


def numbered(items):
    return "\n".join(f"{number} {item}" for number, item in enumerate(items, start=1))


def bulleted(items):
    return "\n".join(f"○{item}" for item in items)


def rows_of(page):
    """[(label, value)] of the sheet, in order."""
    year, next_year = page.fiscal_year_label, page.next_fiscal_year_label
    rows = [
        (f"{page.ward}地域子育て支援拠点事業", ""),
        (f"{year}重点目標評価結果・{next_year}重点目標", ""),
        (doc.PERIOD, period_text(page)),
        (doc.IMPLEMENTERS, implementers(page, "\n")),
        (doc.PURPOSE, page.purpose),
        (doc.PRINCIPLES, numbered(page.principle_list)),
        (doc.AREAS, numbered(page.business_area_list)),
        (doc.METHOD, numbered(page.evaluation_method_list)),
        (f"{year}重点目標の評価", ""),
    ]
    for number, goal in enumerate(page.evaluated_goals.all(), start=1):
        rows.append((f"重点目標{number}", goal.text))
        rows += [(label, bulleted(getattr(goal, attribute))) for label, attribute in ITEM_PARTS]
    rows.append((doc.NEXT_GOALS, ""))
    for number, goal in enumerate(page.next_goals.all(), start=1):
        rows += [(f"重点目標{number}", goal.text), (doc.ACTIONS, bulleted(goal.action_list))]
    return rows


def workbook_bytes(page):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 90
    for number, (label, value) in enumerate(rows_of(page), start=1):
        for column, text in ((1, label), (2, value)):
            cell = sheet.cell(row=number, column=column, value=text or None)
            cell.data_type = "s"  # never a formula, whatever the text starts with
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.cell(row=number, column=1).font = Font(bold=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sheet_rows(data):
    """[(row number, A, B)] of the first sheet as text; ImportError_ for anything that is not such a workbook."""
    from openpyxl import load_workbook

    not_a_workbook = doc.ImportError_(_("this is not an Excel workbook (.xlsx)"), doc.HEADING, 1)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise not_a_workbook
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        rows = []
        for number, row in enumerate(workbook.worksheets[0].iter_rows(max_col=2, values_only=True), start=1):
            if number > MAX_ROWS:
                raise doc.ImportError_(
                    _("the sheet has more than %(rows)s rows") % {"rows": MAX_ROWS}, doc.HEADING, number
                )
            cells = [("" if value is None else str(value)).replace("\r\n", "\n") for value in (*row, None, None)[:2]]
            rows.append((number, *cells))
        workbook.close()
    except doc.ImportError_:
        raise
    except Exception as error:  # noqa: BLE001 — openpyxl and zipfile raise many kinds on a damaged file
        raise not_a_workbook from error
    return rows


def items_of(value):
    return [LEADING_BULLET.sub("", line).strip() for line in value.split("\n") if LEADING_BULLET.sub("", line).strip()]


def goal_lines(label, goals, key):
    """'取組内容\t重点目標1 ○a ○b 重点目標2 ○c' for one kind of item of a block of goals."""
    parts = [
        f"重点目標{number} " + " ".join(f"○{item}" for item in goal[key])
        for number, goal in enumerate(goals, start=1)
        if goal[key]
    ]
    return [f"{label}\t" + " ".join(parts)] if parts else []


class TextBuilder:
    """Collects the text lines and, for each, the sheet row it comes from (errors name the row)."""

    def __init__(self):
        self.lines, self.rows = [], []

    def add(self, row, *lines):
        for line in lines:
            self.lines.append(line)
            self.rows.append(row)

    def add_block(self, heading_row, heading, goals):
        if heading is None:
            return
        self.add(heading_row, heading)
        if goals:
            first = goals[0]["row"]
            self.add(first, "重点目標\t" + " ".join(f"重点目標{n} {goal['text']}" for n, goal in enumerate(goals, 1)))
            for label, _attribute in ITEM_PARTS:
                rows = [goal["rows"][label] for goal in goals if goal[label]]
                self.add(rows[0] if rows else first, *goal_lines(label, goals, label))


def workbook_text(rows):
    """The published text format of the sheet's rows, and the row of each of its lines."""
    text = TextBuilder()
    blocks = {"evaluated": [None, None, []], "next": [None, None, []]}  # [row, heading, goals]
    current = None
    for number, label, value in rows:
        key = doc.squash(label)
        if key.endswith("重点目標の評価") or key.startswith(doc.NEXT_GOALS):
            current = blocks["next" if key.startswith(doc.NEXT_GOALS) else "evaluated"]
            current[:2] = [number, label.strip()]
        elif current is not None and GOAL_ROW.match(key):
            current[2].append({"row": number, "text": " ".join(value.split()), **{k: [] for k, _a in ITEM_PARTS}})
        elif current is not None and key in doc.LABELS and current[2]:
            current[2][-1][doc.LABELS[key]] = items_of(value)
            current[2][-1].setdefault("rows", {})[doc.LABELS[key]] = number
        elif current is None and (label.strip() or value.strip()):
            value_lines = value.split("\n")
            text.add(number, "\t".join(filter(None, [label.strip(), value_lines[0]])), *value_lines[1:])
        elif label.strip() or value.strip():
            section = label.strip()[:40] or doc.GOALS
            raise doc.ImportError_(_("a row that belongs to no goal: %(text)s") % {"text": label[:40]}, section, number)
    for block in blocks.values():
        text.add_block(*block)
    return "\n".join(text.lines), text.rows


def read_workbook(data):
    """ParsedEvaluation of an .xlsx written by workbook_bytes (or edited in Excel)."""
    text, rows = workbook_text(sheet_rows(data))
    try:
        return parse(text)
    except doc.ImportError_ as error:
        row = rows[error.line - 1] if 0 < error.line <= len(rows) else error.line
        raise doc.ImportError_(error.message, error.section, row) from error


def is_workbook(data):
    return data[:4] == b"PK\x03\x04"
