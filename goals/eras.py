"""Japanese eras for fiscal years: store the western year, show 令和3年度 (元年 for the first year).

Fiscal year N runs 1 April N – 31 March N+1. 令和 began 1 May 2019, so FY2019 is 平成31年度 in documents
written before May 2019 and 令和元年度 after; both parse to 2019. We display FY2019 as 令和元年度.
"""

import re
import unicodedata

# (era name, western year of its first year, first fiscal year shown in this era)
ERAS = (("令和", 2019, 2019), ("平成", 1989, 1989))
ERA_ALIASES = {"令和": "令和", "R": "令和", "平成": "平成", "H": "平成"}

ERA_YEAR = re.compile(r"(令和|平成|R|H)\s*(元|\d{1,2})\s*年")


def era_year(year):
    """2021 → ("令和", 3); 2019 → ("令和", 1)."""
    for name, first, shown_from in ERAS:
        if year >= shown_from:
            return name, year - first + 1
    raise ValueError(f"No Japanese era for year {year}")


def era_label(year, suffix="年"):
    """2021 → 令和3年; 2019 → 令和元年; era_label(2021, "年度") → 令和3年度."""
    name, number = era_year(year)
    return f"{name}{'元' if number == 1 else number}{suffix}"


def fiscal_year_label(year):
    """The fiscal year as documents write it: 2021 → 令和3年度."""
    return era_label(year, "年度")


def to_western(era, number):
    """("令和", "元") → 2019; ("平成", "31") → 2019; half- or full-width digits."""
    era = ERA_ALIASES[era]
    number = unicodedata.normalize("NFKC", str(number))
    value = 1 if number == "元" else int(number)
    first = {name: first for name, first, _shown in ERAS}[era]
    return first + value - 1


def parse_year(text):
    """The first era year in text as a western year (令和3年 → 2021, 平成31年 → 2019), or None.

    A western year (2021年) is accepted too.
    """
    text = unicodedata.normalize("NFKC", text)
    match = ERA_YEAR.search(text)
    if match:
        return to_western(match.group(1), match.group(2))
    match = re.search(r"((?:19|20)\d\d)\s*年", text)
    return int(match.group(1)) if match else None
