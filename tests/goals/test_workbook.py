"""The document as the template's Excel workbook: layout, export → import → export, edits made in Excel, errors
naming the row, downloads, and fuzzing (any bytes → a document or a located error, the database unchanged)."""

import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from wagtail.models import Page

from goals.importer.builder import build
from goals.importer.exporter import export
from goals.importer.labels import HEADER_SECTIONS
from goals.importer.parser import ImportError_
from goals.importer.workbook import read_workbook, workbook_bytes
from goals.management.commands.import_evaluation import read_document
from goals.models import EvaluationPage, Goal
from tests.goals.conftest import SAMPLE


def cells(data):
    """Every cell value of the first sheet, row by row."""
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def reimport(data, evaluations):
    """Import the workbook in place of the existing document (one per year and hub)."""
    parsed = read_workbook(data)
    EvaluationPage.objects.child_of(evaluations).delete()
    return build(parsed, evaluations)


def test_the_workbook_is_laid_out_like_the_template(draft):
    rows = cells(workbook_bytes(draft))
    assert rows[0] == ["港南区地域子育て支援拠点事業", None]
    assert rows[1] == ["令和3年度重点目標評価結果・令和4年度重点目標", None]
    labels = [row[0] for row in rows]
    assert labels[2:9] == [*HEADER_SECTIONS, "令和3年度重点目標の評価"]  # 事業実施期間 … 評価結果の公表方法
    assert rows[2][1] == "令和3年4月1日～令和4年3月31日(1年度目/5か年度)"
    assert rows[3][1] == "特定非営利活動法人ちゅーりっぷ\n港南区こども家庭支援課"
    # One block per goal: the goal, then its actions, results and issues (one item per line).
    assert labels[9:17] == [label for n in (1, 2) for label in (f"重点目標{n}", "取組内容", "取組の成果", "取組の課題")]
    assert rows[10][1].split("\n")[1].startswith("○子育て世代包括支援センター事業推進のため")
    assert labels[17:] == ["次年度重点目標"] + [label for n in (1, 2, 3, 4) for label in (f"重点目標{n}", "取組内容")]


def test_export_import_export_gives_the_same_cells(draft, evaluations):
    first = workbook_bytes(draft)
    page = reimport(first, evaluations)
    assert cells(workbook_bytes(page)) == cells(first)
    assert export(page) == SAMPLE  # and the same document as the published text


def test_a_heisei_document_keeps_its_label_through_the_workbook(evaluations):
    from goals.importer.parser import parse
    from tests.goals.test_import_forms import heisei_31

    page = build(parse(heisei_31(SAMPLE)), evaluations)
    data = workbook_bytes(page)
    assert cells(data)[1][0] == "平成31年度重点目標評価結果・令和2年度重点目標"
    assert cells(workbook_bytes(reimport(data, evaluations))) == cells(data)


def edited(data, changes):
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook.worksheets[0]
    for (row, column), value in changes.items():
        sheet.cell(row=row, column=column, value=value).data_type = "s"  # as Excel keeps typed text
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_edits_made_in_excel_come_back(draft, evaluations):
    data = workbook_bytes(draft)
    results = cells(data)[11][1]
    changed = edited(
        data, {(12, 2): results + "\n・利用者アンケートで満足度が上がった。", (10, 2): "=SUM(1)で始まる目標"}
    )
    page = reimport(changed, evaluations)
    first = page.evaluated_goals.first()
    assert first.result_list[-1] == "利用者アンケートで満足度が上がった。" and len(first.result_list) == 3
    assert first.text == "=SUM(1)で始まる目標"
    assert load_workbook(io.BytesIO(workbook_bytes(page))).worksheets[0]["B10"].data_type == "s"  # not a formula


def test_errors_name_the_row_and_nothing_is_saved(draft, evaluations):
    data = edited(workbook_bytes(draft), {(20, 1): "取組の成果"})  # results under next year's goal 1
    with pytest.raises(ImportError_) as caught:
        read_workbook(data)
    assert caught.value.line == 20 and caught.value.section == "取組の成果"
    with pytest.raises(ImportError_, match="Excel|xlsx"):
        read_workbook(b"PK\x03\x04 not really a zip")


def test_the_workbook_is_downloaded_from_the_page_and_the_admin(draft, client_for, staff):
    from tests.home.programs.conftest import TSUBASA, make_hub

    editor = client_for("editor")
    response = editor.get(f"/admin/goals/{draft.pk}/export.xlsx")  # a draft: staff only
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert cells(response.content) == cells(workbook_bytes(draft))
    assert f"/admin/goals/{draft.pk}/export.xlsx" in editor.get(f"/admin/pages/{draft.pk}/edit/").content.decode()
    assert client_for("anonymous").get(f"/admin/goals/{draft.pk}/export.xlsx").status_code == 302
    make_hub(**TSUBASA)
    from home.models import HubSettings
    from tests.conftest import log_in, make_staff_user

    other = log_in(
        editor.__class__(), make_staff_user("editor", hub=HubSettings.objects.get(slug="tsubasa"), username="e2")
    )
    assert other.get(f"/admin/goals/{draft.pk}/export.xlsx").status_code in (302, 403)
    draft.get_latest_revision().publish()
    public = client_for("anonymous").get(draft.url + "?format=xlsx")
    assert public.status_code == 200 and cells(public.content) == cells(workbook_bytes(draft))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300))
def test_any_bytes_give_a_document_or_a_located_error(evaluations, data):
    before = (Page.objects.count(), Goal.objects.count())
    for candidate in (data, b"PK\x03\x04" + data):
        try:
            read_document(candidate)
        except ImportError_ as error:
            assert error.section and error.line >= 1
    assert (Page.objects.count(), Goal.objects.count()) == before


def workbook_with(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


CELL_TEXT = st.text(alphabet="重点目標取組内容の成果課題次年度評価○・①1２\n 令和3年度事業実施期間", max_size=25)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(CELL_TEXT, CELL_TEXT), max_size=12), st.integers(0, 2000))
def test_mutated_workbooks_import_or_fail_with_a_row_and_save_nothing(draft, evaluations, noise, position):
    rows = cells(workbook_bytes(draft))
    at = position % len(rows)
    data = workbook_with([*rows[:at], *noise, *rows[at:]])
    before = (Page.objects.count(), Goal.objects.count())
    try:
        parsed = read_workbook(data)
    except ImportError_ as error:
        assert error.section and 1 <= error.line <= len(rows) + len(noise) + 1
    else:
        assert parsed.fiscal_year
    assert (Page.objects.count(), Goal.objects.count()) == before


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (25 * 1024 * 1024))
    assert len(buffer.getvalue()) < 1024 * 1024
    with pytest.raises(ImportError_, match="Excel|xlsx"):
        read_workbook(buffer.getvalue())
