"""Read the published text of an evaluation document into plain data (no database access).

Handles the variants found in real documents: label and value separated by tabs, spaces or a colon, or the
value on the following lines; HTML fragments (<p>, <ol>, <li>, <br>); items inline or one per line; bullets
○ ・ • ● ◯ - ① and numbers (1 / 1. / (1) / １); full- or half-width digits and brackets; 平成/令和/western
years and 次年度; a heading or a label split over two lines; optional sections missing; the simplified web
version and the site's own text around a copied web page (goals.importer.web). Errors name the section and
the line (ImportError_.section, .line).
"""

import html
import re
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from goals.eras import ERA_YEAR, fiscal_year_label, parse_year, to_western
from goals.importer.labels import (  # noqa: F401 — re-exported: the importer's public names
    ACTIONS,
    AREAS,
    BULLETS,
    CIRCLED,
    ERA_FY,
    GOALS,
    GOALS_RE,
    HEADER_SECTIONS,
    HEADING,
    IMPLEMENTERS,
    ISSUES,
    LABEL_RE,
    LABELS,
    METHOD,
    NEXT_GOALS,
    PERIOD,
    PRINCIPLES,
    PURPOSE,
    RESULTS,
    WS,
    ImportError_,
    squash,
)
from goals.importer.web import group_item_lines, join_split_labels, number_goal_lines, strip_site_chrome

MAX_CHARS = 200_000

TAG_BREAK = re.compile(r"<\s*(?:br|/?p|/?ol|/?ul|li|/li|/?div)\b[^>]*>", re.IGNORECASE)
TAG_ANY = re.compile(r"<[^>]{0,500}>")
WRITTEN_YEAR = re.compile(rf"(?:令和|平成|R|H){WS}*(?:元|[0-9０-９]{{1,2}}){WS}*年度")


@dataclass
class ParsedGoal:
    number: int
    text: str
    actions: list = field(default_factory=list)
    results: list = field(default_factory=list)
    issues: list = field(default_factory=list)


@dataclass
class ParsedEvaluation:
    ward: str = ""
    fiscal_year: int = 0
    period_start: date | None = None
    period_end: date | None = None
    contract_year: int | None = None
    contract_length: int | None = None
    operators: list = field(default_factory=list)
    ward_division: str = ""
    purpose: str = ""
    principles: list = field(default_factory=list)
    business_areas: list = field(default_factory=list)
    evaluation_method: list = field(default_factory=list)
    evaluated_goals: list = field(default_factory=list)
    next_goals: list = field(default_factory=list)
    lines: dict = field(default_factory=dict)  # section → line where it starts, for error messages
    year_label: str = ""  # the fiscal year as the document writes it (平成31年度) when not the default label
    next_year_label: str = ""
    skipped: list = field(default_factory=list)  # [(line, text)]: site chrome left out
    missing: list = field(default_factory=list)  # sections (重点目標1 取組の成果 …) the document does not have


@dataclass
class Section:
    key: str
    line: int
    parts: list = field(default_factory=list)
    mode: str = "evaluated"

    @property
    def text(self):
        return "\n".join(part for part in self.parts if part.strip())


def logical_lines(text):
    """(line number, text) pairs with HTML tags turned into line breaks and entities unescaped."""
    for number, raw in enumerate(text.split("\n"), start=1):
        for piece in TAG_BREAK.sub("\n", raw).split("\n"):
            yield number, html.unescape(TAG_ANY.sub("", piece)).rstrip()


def number_marker(k):
    """A regex for item number k at the start of an item: 1 / 1. / (1) / １ / ①, not 10 or 1つ."""
    digits = f"(?:{k}|{str(k).translate(str.maketrans('0123456789', '０１２３４５６７８９'))})"
    circled = re.escape(CIRCLED[k - 1]) if k <= len(CIRCLED) else "(?!x)x"
    return re.compile(
        rf"(?:^|(?<=[\s\u3000]))(?:[(（]{digits}[)）]|{digits}(?:[.．、)）]|(?=[ \t\u3000\n]))|{circled})[ \t\u3000]*"
    )


def split_numbered(text):
    """Split '1 a 2 b 3 c' (numbers in sequence) into items; None if the text does not start with 1."""
    text = text.strip()
    first = number_marker(1).match(text)
    if not first:
        return None
    items, position, k = [], first.end(), 2
    while True:
        match = number_marker(k).search(text, position)
        if not match:
            items.append(text[position:].strip())
            break
        items.append(text[position : match.start()].strip())
        position, k = match.end(), k + 1
    return [" ".join(item.split()) for item in items]


def split_items(text):
    """Items of a list written inline or one per line, with bullets or numbers. Bullets are removed."""
    text = text.strip()
    if not text:
        return []
    numbered = split_numbered(text)
    if numbered is not None:
        return [item for item in numbered if item]
    bullet = re.compile(rf"(?:^|(?<=[\s\u3000]))[{re.escape(BULLETS)}][ \t\u3000]*")
    pieces = bullet.split(text) if bullet.match(text) else text.split("\n")
    return [" ".join(piece.split()) for piece in pieces if piece.strip()]


def split_by_goal(text, section, line):
    """{goal number: text} for '重点目標1 … 重点目標2 …'; {1: text} when there is no marker."""
    text = text.strip()
    marker = re.compile(rf"(?:^|(?<=[\s\u3000]))重点目標{WS}*[(（]?(\d{{1,2}})[)）]?(?!\d)[ \t\u3000:：]*")
    matches = list(marker.finditer(text))
    if not matches:
        return {1: text} if text else {}
    if text[: matches[0].start()].strip():
        raise ImportError_(_("text before 重点目標1"), section, line)
    chunks = {}
    for index, match in enumerate(matches):
        number = int(match.group(1))
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        if number in chunks:
            raise ImportError_(_("重点目標%(number)s appears twice") % {"number": number}, section, line)
        chunks[number] = text[match.end() : end].strip()
    return chunks


def sections_of(lines):
    preamble, sections, current, mode = [], [], None, "evaluated"
    for number, line in lines:
        goals = GOALS_RE.match(line)
        label = LABEL_RE.match(line)
        if goals:
            year = goals.group("year") or ""
            if goals.group("review"):
                mode = "evaluated"
            elif "次年度" in year:
                mode = "next"
            current = Section(GOALS, number, [goals.group("value")], mode)
            current.year_text = year
            sections.append(current)
        elif label:
            current = Section(LABELS[squash(label.group(1))], number, [label.group(2)], mode)
            sections.append(current)
        elif current is None:
            if line.strip():
                preamble.append((number, line.strip()))
        else:
            current.parts.append(line)
    for section in sections:
        if section.key == GOALS:
            section.parts = number_goal_lines(section.parts)
        elif section.key in (ACTIONS, RESULTS, ISSUES):
            section.parts = group_item_lines(section.parts)
    return preamble, sections


def parse_period(parsed, section):
    text = section.text
    dates = [
        date(to_western(m.group(1), m.group(2)), int(m.group(3)), int(m.group(4)))
        for m in re.finditer(
            rf"(令和|平成|R|H){WS}*(元|\d{{1,2}}){WS}*年{WS}*(\d{{1,2}}){WS}*月{WS}*(\d{{1,2}}){WS}*日", text
        )
    ]
    if len(dates) >= 2:
        parsed.period_start, parsed.period_end = dates[0], dates[1]
        if parsed.period_end <= parsed.period_start:
            raise ImportError_(_("the period ends before it starts"), PERIOD, section.line)
    contract = re.search(
        rf"[(（]{WS}*(\d{{1,2}}){WS}*年度目{WS}*[/／]{WS}*(\d{{1,2}}){WS}*[かカヵケヶ]?年度?{WS}*[)）]", text
    )
    if contract:
        parsed.contract_year, parsed.contract_length = int(contract.group(1)), int(contract.group(2))
        if not 1 <= parsed.contract_year <= parsed.contract_length <= 10:
            raise ImportError_(_("the contract year is not within the contract period"), PERIOD, section.line)
    return parse_year(text)


def parse(text):
    """Parse the published text of one evaluation document. Raises ImportError_ on malformed input."""
    if len(text) > MAX_CHARS:
        raise ImportError_(_("the file is too long"))
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ImportError_(_("the file is empty"))
    lines, skipped = strip_site_chrome(list(logical_lines(text)))
    preamble, sections = sections_of(join_split_labels(lines))
    parsed = ParsedEvaluation(skipped=skipped)
    if len(preamble) > 3:
        number, line = preamble[3]
        raise ImportError_(
            _("unexpected text %(text)r before the first section") % {"text": line[:40]}, HEADING, number
        )

    title_year, written = None, []
    for number, line in preamble:
        ward = re.match(rf"^{WS}*(\S+?[区市町村])", line)
        if ward and "地域子育て支援拠点" in line and not parsed.ward:
            parsed.ward = ward.group(1)
        elif "重点目標" in line and title_year is None:
            title_year = parse_year(line)
            written = [squash(label) for label in WRITTEN_YEAR.findall(line)]
            if title_year is None and ERA_YEAR.search(line) is None and "年度" in line:
                raise ImportError_(_("the year in the title cannot be read"), HEADING, number)

    seen, fiscal_year, goal_sections, period_written = set(), None, [], []
    for section in sections:
        parsed.lines.setdefault(section.key, section.line)
        if section.key == GOALS:
            goal_sections.append(section)
            continue
        if section.key in (ACTIONS, RESULTS, ISSUES):
            continue
        if section.key in seen:
            raise ImportError_(_("this section appears twice"), section.key, section.line)
        seen.add(section.key)
        if section.key == PERIOD:
            fiscal_year = parse_period(parsed, section)
            first = ERA_YEAR.search(section.text)
            period_written = [squash(first.group(0)) + "度"] if first else []
        elif section.key == IMPLEMENTERS:
            parsed.operators, parsed.ward_division = split_implementers(section.text)
        elif section.key == PURPOSE:
            parsed.purpose = " ".join(section.text.split())
        elif section.key in (PRINCIPLES, AREAS, METHOD):
            attribute = {PRINCIPLES: "principles", AREAS: "business_areas", METHOD: "evaluation_method"}
            setattr(parsed, attribute[section.key], split_items(section.text))

    parsed.fiscal_year = fiscal_year or title_year
    if not parsed.fiscal_year:
        line = next((s.line for s in sections if s.key == PERIOD), 1)
        raise ImportError_(_("the fiscal year cannot be read (e.g. 令和3年4月1日～令和4年3月31日)"), PERIOD, line)
    if not 1989 <= parsed.fiscal_year <= 2200:
        raise ImportError_(_("the fiscal year is out of range"), PERIOD, 1)
    if parsed.period_start is None:
        parsed.period_start = date(parsed.fiscal_year, 4, 1)
        parsed.period_end = date(parsed.fiscal_year + 1, 3, 31)
    if not parsed.ward:
        ward = re.match(r"^(\S+?区)", parsed.ward_division)
        parsed.ward = ward.group(1) if ward else ""
    if not sections:
        raise ImportError_(_("this is not an evaluation: no section (重点目標, 取組内容 …) found"), GOALS, 1)
    read_goals(parsed, sections, goal_sections)
    keep_written_years(parsed, written or period_written, goal_sections)
    parsed.missing = missing_sections(parsed, seen)
    return parsed


def split_implementers(text):
    """(operators, ward division) from 事業の実施者: the ward office's division is the name ending in 課."""
    names = text.replace("、", " ").split()
    operators = [name for name in names if not re.search(r"[区市]役所|[区市].*課$", name)]
    return operators, " ".join(name for name in names if name not in operators)


def keep_written_years(parsed, written, goal_sections):
    """The years as the document writes them (平成31年度), kept when they are not the label we would show."""
    written = written + [
        squash(s.year_text) for s in goal_sections if s.mode == "next" and WRITTEN_YEAR.match(s.year_text)
    ]
    for attribute, year in (("year_label", parsed.fiscal_year), ("next_year_label", parsed.fiscal_year + 1)):
        label = next((label for label in written if parse_year(label) == year), "")
        if label and label != fiscal_year_label(year):
            setattr(parsed, attribute, label)


def missing_sections(parsed, seen):
    """What the document lacks, in its own words: 事業目的, 重点目標2 取組の成果, 次年度重点目標 …"""
    missing = [key for key in HEADER_SECTIONS if key not in seen]
    if not parsed.evaluated_goals:
        missing.append(GOALS)
    for goal in parsed.evaluated_goals:
        for key, attribute in ((ACTIONS, "actions"), (RESULTS, "results"), (ISSUES, "issues")):
            if not getattr(goal, attribute):
                missing.append(f"{GOALS}{goal.number} {key}")
    if not parsed.next_goals:
        missing.append(NEXT_GOALS)
    return missing


def read_goals(parsed, sections, goal_sections):
    lists = {"evaluated": None, "next": None}
    for section in goal_sections:
        year = parse_year(section.year_text) if section.year_text else None
        mode = section.mode
        if year is not None and year == parsed.fiscal_year + 1:
            mode = "next"
        elif year is not None and year == parsed.fiscal_year:
            mode = "evaluated"
        elif year is not None:
            raise ImportError_(
                _("goals for %(year)s do not belong to this document") % {"year": year}, GOALS, section.line
            )
        section.mode = mode
        chunks = split_by_goal(section.text, GOALS, section.line)
        if not chunks:
            continue  # a heading such as 次年度重点目標 on its own line
        if lists[mode] is not None:
            raise ImportError_(_("the goals are listed twice"), GOALS, section.line)
        lists[mode] = [ParsedGoal(number, " ".join(text.split())) for number, text in sorted(chunks.items())]
        if [goal.number for goal in lists[mode]] != list(range(1, len(chunks) + 1)):
            raise ImportError_(_("the goals are not numbered 1, 2, 3 …"), GOALS, section.line)
        if any(not goal.text for goal in lists[mode]):
            raise ImportError_(_("a goal has no text"), GOALS, section.line)

    # Item sections follow the goal list they belong to.
    current_mode = "evaluated"
    for section in sections:
        if section.key == GOALS:
            current_mode = section.mode
            continue
        if section.key not in (ACTIONS, RESULTS, ISSUES):
            continue
        goals = lists[current_mode]
        if current_mode == "next" and section.key != ACTIONS:
            raise ImportError_(_("next year's goals have only 取組内容"), section.key, section.line)
        if goals is None:
            raise ImportError_(_("items come before the list of goals"), section.key, section.line)
        attribute = {ACTIONS: "actions", RESULTS: "results", ISSUES: "issues"}[section.key]
        for number, chunk in split_by_goal(section.text, section.key, section.line).items():
            if number > len(goals):
                raise ImportError_(_("there is no 重点目標%(number)s") % {"number": number}, section.key, section.line)
            target = getattr(goals[number - 1], attribute)
            if target:
                raise ImportError_(
                    _("重点目標%(number)s appears twice") % {"number": number}, section.key, section.line
                )
            target.extend(split_items(chunk))

    parsed.evaluated_goals = lists["evaluated"] or []
    parsed.next_goals = lists["next"] or []
