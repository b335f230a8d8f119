"""Read the published text of an evaluation document into plain data (no database access).

Handles the variants found in real documents: label and value separated by tabs, spaces or a colon, or the
value on the following lines; HTML fragments (<p>, <ol>, <li>, <br>); items inline or one per line; bullets
○ ・ • ● ◯ - ① and numbers (1 / 1. / (1) / １); full- or half-width digits and brackets; 平成/令和/western
years and 次年度; a heading split over two lines; optional sections missing. Errors name the section and the
line (ImportError_.section, .line).
"""

import html
import re
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from goals.eras import ERA_YEAR, parse_year, to_western

MAX_CHARS = 200_000

PERIOD, IMPLEMENTERS, PURPOSE, PRINCIPLES, AREAS, METHOD = (
    "事業実施期間",
    "事業の実施者",
    "事業目的",
    "事業・施設運営の基本理念",
    "事業の内容",
    "事業の評価実施方法及び評価結果の公表方法",
)
GOALS, ACTIONS, RESULTS, ISSUES = "重点目標", "取組内容", "取組の成果", "取組の課題"
HEADING = "見出し"

# Label spellings (whitespace removed) → section key.
LABELS = {
    "事業実施期間": PERIOD,
    "事業の実施期間": PERIOD,
    "事業の実施者": IMPLEMENTERS,
    "事業実施者": IMPLEMENTERS,
    "事業目的": PURPOSE,
    "事業の目的": PURPOSE,
    "【事業・施設運営の基本理念】": PRINCIPLES,
    "事業・施設運営の基本理念": PRINCIPLES,
    "【基本理念】": PRINCIPLES,
    "基本理念": PRINCIPLES,
    "事業の内容": AREAS,
    "事業内容": AREAS,
    "事業の評価実施方法及び評価結果の公表方法": METHOD,
    "評価実施方法及び評価結果の公表方法": METHOD,
    "取組内容": ACTIONS,
    "取組の内容": ACTIONS,
    "取り組み内容": ACTIONS,
    "取組み内容": ACTIONS,
    "取組の成果": RESULTS,
    "取り組みの成果": RESULTS,
    "取組成果": RESULTS,
    "取組の課題": ISSUES,
    "取り組みの課題": ISSUES,
    "取組課題": ISSUES,
}
LABEL_RE = re.compile(
    "^[ \t\u3000]*(" + "|".join(re.escape(label) for label in sorted(LABELS, key=len, reverse=True)) + r")"
    r"(?:[ \t\u3000]*[:：][ \t\u3000]*|[ \t\u3000]+|$)(.*)$"
)
# 令和3年度 重点目標 / 次年度重点目標 / 令和3年度重点目標の評価 / 重点目標 — but not 重点目標1 (an item).
ERA_FY = r"(?:(?:令和|平成|R|H)[ \t\u3000]*(?:元|\d{1,2})|(?:19|20)\d\d)[ \t\u3000]*年度"
GOALS_RE = re.compile(
    rf"^[ \t\u3000]*(?P<year>{ERA_FY}|次年度|今年度|当該年度)?[ \t\u3000]*(?:の[ \t\u3000]*)?重点目標"
    r"(?P<review>の評価(?:結果)?)?(?:[ \t\u3000]*[:：][ \t\u3000]*|[ \t\u3000]+|$)(?P<value>.*)$"
)
SPLIT_LABEL_MIN = 4

TAG_BREAK = re.compile(r"<\s*(?:br|/?p|/?ol|/?ul|li|/li|/?div)\b[^>]*>", re.IGNORECASE)
TAG_ANY = re.compile(r"<[^>]{0,500}>")
BULLETS = "○◯●•・◦▪■□◆◇※-‐－"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
WS = "[ \t\u3000]"


class ImportError_(ValueError):  # noqa: N801 — not the builtin ImportError
    """Malformed input: names the section and the 1-based line of the input."""

    def __init__(self, message, section=HEADING, line=1):
        self.message, self.section, self.line = message, section, line
        super().__init__(str(self))

    def __str__(self):
        return _("Line %(line)s, section %(section)s: %(message)s") % {
            "line": self.line,
            "section": self.section,
            "message": self.message,
        }


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


def squash(text):
    return re.sub(r"[\s\u3000]+", "", text)


def join_split_headings(lines):
    """事業の評価実施方法及び / 評価結果の公表方法 on two lines → one line."""
    merged, skip = [], False
    for index, (number, text) in enumerate(lines):
        if skip:
            skip = False
            continue
        key = squash(text)
        if (
            len(key) >= SPLIT_LABEL_MIN
            and index + 1 < len(lines)
            and key not in LABELS
            and not GOALS_RE.match(text)
            and any(label.startswith(key) and label != key for label in LABELS)
        ):
            following = lines[index + 1][1]
            candidate = key + following.lstrip(" \t\u3000")
            if LABEL_RE.match(candidate):
                merged.append((number, candidate))
                skip = True
                continue
        merged.append((number, text))
    return merged


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


def sections_of(text):
    lines = join_split_headings(list(logical_lines(text)))
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
    preamble, sections = sections_of(text)
    parsed = ParsedEvaluation()
    if len(preamble) > 3:
        number, line = preamble[3]
        raise ImportError_(
            _("unexpected text %(text)r before the first section") % {"text": line[:40]}, HEADING, number
        )

    title_year = None
    for number, line in preamble:
        ward = re.match(rf"^{WS}*(\S+?[区市町村])", line)
        if ward and "地域子育て支援拠点" in line and not parsed.ward:
            parsed.ward = ward.group(1)
        elif "重点目標" in line and title_year is None:
            title_year = parse_year(line)
            if title_year is None and ERA_YEAR.search(line) is None and "年度" in line:
                raise ImportError_(_("the year in the title cannot be read"), HEADING, number)

    seen, fiscal_year, goal_sections = set(), None, []
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
        elif section.key == IMPLEMENTERS:
            names = section.text.replace("、", " ").split()
            parsed.operators = [name for name in names if not re.search(r"[区市]役所|[区市].*課$", name)]
            parsed.ward_division = " ".join(name for name in names if name not in parsed.operators)
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
    read_goals(parsed, sections, goal_sections)
    return parsed


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
    if not parsed.evaluated_goals and not parsed.next_goals:
        line = sections[-1].line if sections else 1
        raise ImportError_(_("no goals found (重点目標1 …)"), GOALS, line)
