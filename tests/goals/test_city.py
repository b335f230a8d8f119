"""The city's view of every hub's priority goals (/admin/city/goals/): content, filters and exports."""

import csv
import io
import re

import pytest
from openpyxl import load_workbook
from wagtail.test.utils.form_data import querydict_from_html

from goals.models import EvaluatedGoal, Goal
from home.business_areas import BusinessArea
from tests.conftest import log_in, make_city_user, make_staff_user
from tests.goals.city_fixtures import (
    KONAN_2021,
    KONAN_2022,
    MINATO_2021,
    SECRET,
    TSUBASA_2022,
    TSUBASA_2022_SET,
    TSUBASA_2023,
    build_city,
)

URL = "/admin/city/goals/"


@pytest.fixture
def city(home):
    return build_city(home)


@pytest.fixture
def city_client(client, city):
    return log_in(client, make_city_user())


def page_rows(html):
    """[(hub section's data-hub, goal number text, goal text)] in the order shown."""
    rows = []
    for slug, section in re.findall(r'<section class="city-hub"[^>]*data-hub="([^"]*)">(.*?)</section>', html, re.S):
        for number, text in re.findall(
            r'<span class="city-goal-number">(.*?)</span>\s*<span class="city-goal-text">(.*?)</span>', section, re.S
        ):
            rows.append((slug, number.strip(), text.strip()))
    return rows


def hub_section(html, slug):
    return re.search(rf'<section class="city-hub"[^>]*data-hub="{slug}">(.*?)</section>', html, re.S).group(1)


def csv_rows(response):
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content[1:])))


def xlsx_rows(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [["" if value is None else value for value in row] for row in sheet.iter_rows(values_only=True)]


def test_a_fiscal_years_goals_of_every_hub_side_by_side(city_client, city):
    response = city_client.get(URL, {"year": 2022})
    assert response.status_code == 200
    html = response.content.decode()
    assert "令和4年度" in html
    assert [(slug, text) for slug, _number, text in page_rows(html)] == [
        # 港南 has not published FY2022's document yet: the goals its FY2021 document set for FY2022.
        *[("konan", text) for text in KONAN_2022],
        # つばさ published FY2022: the goals evaluated there (as reworded), not the ones set a year before.
        *[("tsubasa", text) for text in TSUBASA_2022],
    ]
    assert TSUBASA_2022_SET[1] not in html
    konan, tsubasa, minato = (hub_section(html, slug) for slug in ("konan", "tsubasa", "minato"))
    assert "港南区" in konan and "港南区地域子育て支援拠点 はっち" in konan
    assert "重点目標1" in konan and "重点目標3" in konan
    assert "設定済み・評価前" in konan and "評価済み（結果公表）" in tsubasa
    assert "令和3年度重点目標評価結果" in konan and "令和4年度重点目標評価結果" in tsubasa
    assert "公表された評価書はありません" in minato
    # Each hub's goal chain: its public timeline and the retrospective of the contract period.
    assert 'href="http://tsubasa.localhost/evaluations/timeline/"' in tsubasa
    assert 'href="http://tsubasa.localhost/evaluations/retrospective/2020/"' in tsubasa
    assert "5か年度の振り返り（令和2年度～令和6年度）" in tsubasa
    assert "/evaluations/retrospective/2021/" in konan


def test_drafts_and_unpublished_changes_never_show(city_client, city):
    for year in (2020, 2021, 2022, 2023):
        for url in (URL, URL + "export.csv", URL + "export.xlsx"):
            response = city_client.get(url, {"year": year})
            assert response.status_code == 200
            assert SECRET.encode() not in response.content
    html = city_client.get(URL, {"year": 2021}).content.decode()
    # みなと's FY2021 document is a draft: the goals its published FY2020 document set for FY2021 show.
    assert [text for slug, _number, text in page_rows(html) if slug == "minato"] == MINATO_2021
    assert "みなと：下書きの次年度目標" not in city_client.get(URL, {"year": 2022}).content.decode()
    # A year that only a draft names is not offered.
    options = re.findall(r'<option value="(\d+)"', html)
    assert options == ["2023", "2022", "2021", "2020"]


def test_the_latest_year_is_shown_by_default(city_client, city):
    html = city_client.get(URL).content.decode()
    assert re.search(r'<option value="2023" selected>', html)
    assert page_rows(html) == [("tsubasa", "重点目標1", TSUBASA_2023[0])]


def test_filter_by_ward(city_client, city):
    html = city_client.get(URL, {"year": 2022, "ward": "つばさ区"}).content.decode()
    assert re.findall(r'data-hub="(\w+)"', html) == ["tsubasa"]
    html = city_client.get(URL, {"year": 2022, "ward": ["港南区", "みなと区"]}).content.decode()
    assert re.findall(r'data-hub="(\w+)"', html) == ["konan", "minato"]
    assert {slug for slug, _number, _text in page_rows(html)} == {"konan"}


def test_filter_by_business_area(city_client, city):
    Goal.objects.filter(title=KONAN_2022[2]).update(business_area=BusinessArea.CONSULTATION)
    Goal.objects.filter(title=TSUBASA_2022[1]).update(business_area=BusinessArea.CONSULTATION)
    Goal.objects.filter(title=TSUBASA_2022[0]).update(business_area=BusinessArea.PLAY_ROOM)
    html = city_client.get(URL, {"year": 2022, "area": "consultation"}).content.decode()
    # Goal numbers stay those of the documents.
    assert page_rows(html) == [
        ("konan", "重点目標3", KONAN_2022[2]),
        ("tsubasa", "重点目標2", TSUBASA_2022[1]),
    ]
    assert "子育て相談事業" in html
    html = city_client.get(URL, {"year": 2022, "area": "unclassified"}).content.decode()
    assert [text for _slug, _number, text in page_rows(html)] == KONAN_2022[:2]
    html = city_client.get(URL, {"year": 2022, "area": "network"}).content.decode()
    assert page_rows(html) == []
    assert "この事業の重点目標はありません" in html


FILTERS = [  # the last one has no rows: the exports hold only their header
    {"year": 2022},
    {"year": 2021},
    {"year": 2021, "ward": ["港南区", "みなと区"]},
    {"year": 2022, "area": "consultation"},
    {"year": 2020, "ward": "港南区"},
]


@pytest.mark.parametrize("filters", FILTERS, ids=lambda filters: "-".join(map(str, filters.values())))
def test_exports_hold_exactly_the_rows_of_the_page(city_client, city, filters):
    Goal.objects.filter(title__in=[KONAN_2022[0], TSUBASA_2022[1]]).update(business_area=BusinessArea.CONSULTATION)
    shown = page_rows(city_client.get(URL, filters).content.decode())
    slugs = {hub.ward: slug for slug, hub in city.items()}
    csv_response = city_client.get(URL + "export.csv", filters)
    xlsx_response = city_client.get(URL + "export.xlsx", filters)
    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    assert xlsx_response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert f'filename="city-goals-{filters["year"]}.xlsx"' in xlsx_response["Content-Disposition"]
    header = ["区", "拠点", "年度", "年度（西暦）", "重点目標番号", "重点目標", "事業の内容", "状態"]
    label = {2020: "令和2年度", 2021: "令和3年度", 2022: "令和4年度"}[filters["year"]]
    for rows in (csv_rows(csv_response), xlsx_rows(xlsx_response)):
        assert rows[0] == header
        assert [(slugs[row[0]], f"重点目標{row[4]}", row[5]) for row in rows[1:]] == shown
        assert all(row[2] == label and str(row[3]) == str(filters["year"]) for row in rows[1:])
        assert all(row[1] == city[slugs[row[0]]].hub_name for row in rows[1:])


def test_export_columns_name_the_area_and_the_state(city_client, city):
    Goal.objects.filter(title=TSUBASA_2022[1]).update(business_area=BusinessArea.CONSULTATION)
    rows = csv_rows(city_client.get(URL + "export.csv", {"year": 2022, "ward": "つばさ区"}))
    hub, evaluated = ["つばさ区", city["tsubasa"].hub_name, "令和4年度", "2022"], "評価済み（結果公表）"
    assert rows[1:] == [
        [*hub, "1", TSUBASA_2022[0], "", evaluated],
        [*hub, "2", TSUBASA_2022[1], "子育て相談事業", evaluated],
    ]
    rows = xlsx_rows(city_client.get(URL + "export.xlsx", {"year": 2022, "ward": "港南区"}))
    assert [row[4] for row in rows[1:]] == [1, 2, 3] and rows[1][3] == 2022
    assert {row[7] for row in rows[1:]} == {"設定済み・評価前"}


def test_a_goal_that_looks_like_a_formula_stays_text(city_client, city):
    EvaluatedGoal.objects.filter(text=KONAN_2021[0]).update(text='=HYPERLINK("http://x.invalid")')
    rows = csv_rows(city_client.get(URL + "export.csv", {"year": 2021, "ward": "港南区"}))
    assert rows[1][5] == '\'=HYPERLINK("http://x.invalid")'
    sheet = load_workbook(io.BytesIO(city_client.get(URL + "export.xlsx", {"year": 2021, "ward": "港南区"}).content))
    cell = sheet.active["F2"]
    assert cell.value == '=HYPERLINK("http://x.invalid")' and cell.data_type == "s"


BAD_FILTERS = [
    ({"year": "abc"}, "年度"),
    ({"year": "1900"}, "年度"),
    ({"year": "2030"}, "年度"),
    ({"year": "2022", "ward": "どこか区"}, "区"),
    ({"year": "2022", "area": "gardening"}, "事業の内容"),
]


@pytest.mark.parametrize(("filters", "field"), BAD_FILTERS)
def test_bad_filters_answer_400_with_the_field_named(city_client, city, filters, field):
    response = city_client.get(URL, filters)
    assert response.status_code == 400
    html = response.content.decode()
    assert "正しく選択してください" in html
    assert page_rows(html) == []
    for url in (URL + "export.csv", URL + "export.xlsx"):
        response = city_client.get(url, filters)
        assert response.status_code == 400
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        assert response.content.decode().startswith(field)


def test_without_any_published_document(client, home):
    log_in(client, make_city_user())
    response = client.get(URL)
    assert response.status_code == 200
    assert "まだ公表された評価書はありません" in response.content.decode()
    rows = csv_rows(client.get(URL + "export.csv"))
    assert len(rows) == 1


def test_a_hub_editor_classifies_a_goal_and_the_city_filters_by_it(client, city):
    goal = Goal.objects.get(title=KONAN_2022[1])
    log_in(client, make_staff_user("editor", hub=city["konan"], username="editor-konan"))
    url = f"/admin/snippets/goals/goal/edit/{goal.pk}/"
    form = client.get(url).content.decode()
    assert 'name="business_area"' in form and "支援者ネットワーク事業" in form
    data = querydict_from_html(form, form_id="w-editor-form")
    data["business_area"] = BusinessArea.NETWORK
    assert client.post(url, data).status_code == 302
    client.logout()
    log_in(client, make_city_user())
    html = client.get(URL, {"year": 2022, "area": "network"}).content.decode()
    assert page_rows(html) == [("konan", "重点目標2", KONAN_2022[1])]
