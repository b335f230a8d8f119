import pytest

from goals.eras import era_label, fiscal_year_label, parse_year
from goals.models.evaluation import era_date


@pytest.mark.parametrize(
    ("year", "label"),
    [(2021, "令和3年度"), (2019, "令和元年度"), (2020, "令和2年度"), (2018, "平成30年度"), (1989, "平成元年度")],
)
def test_fiscal_year_labels(year, label):
    assert fiscal_year_label(year) == label


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("令和3年度", 2021),
        ("令和元年度", 2019),
        ("平成31年度", 2019),
        ("平成元年", 1989),
        ("令和３年４月１日", 2021),
        ("R4年度", 2022),
        ("2023年度", 2023),
        ("次年度", None),
    ],
)
def test_years_in_text_are_read_as_western_years(text, year):
    assert parse_year(text) == year


def test_dates_before_reiwa_are_shown_in_heisei():
    from datetime import date

    assert era_date(date(2019, 4, 1)) == "平成31年4月1日"
    assert era_date(date(2019, 5, 1)) == "令和元年5月1日"
    assert era_label(2022) == "令和4年"
