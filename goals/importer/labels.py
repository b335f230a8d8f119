"""The labels and headings of the evaluation document, and the importer's error (shared by the readers)."""

import re

from django.utils.translation import gettext as _

PERIOD, IMPLEMENTERS, PURPOSE, PRINCIPLES, AREAS, METHOD = (
    "事業実施期間",
    "事業の実施者",
    "事業目的",
    "事業・施設運営の基本理念",
    "事業の内容",
    "事業の評価実施方法及び評価結果の公表方法",
)
GOALS, ACTIONS, RESULTS, ISSUES = "重点目標", "取組内容", "取組の成果", "取組の課題"
NEXT_GOALS = "次年度重点目標"
HEADING = "見出し"
HEADER_SECTIONS = (PERIOD, IMPLEMENTERS, PURPOSE, PRINCIPLES, AREAS, METHOD)

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
WS = "[ \t\u3000]"
LABEL_RE = re.compile(
    f"^{WS}*(" + "|".join(re.escape(label) for label in sorted(LABELS, key=len, reverse=True)) + ")"
    rf"(?:{WS}*[:：]{WS}*|{WS}+|$)(.*)$"
)
# 令和3年度 重点目標 / 次年度重点目標 / 令和3年度重点目標の評価 / 重点目標 — but not 重点目標1 (an item).
ERA_FY = rf"(?:(?:令和|平成|R|H){WS}*(?:元|\d{{1,2}})|(?:19|20)\d\d){WS}*年度"
GOALS_RE = re.compile(
    rf"^{WS}*(?P<year>{ERA_FY}|次年度|今年度|当該年度)?{WS}*(?:の{WS}*)?重点目標"
    rf"(?P<review>の評価(?:結果)?)?(?:{WS}*[:：]{WS}*|{WS}+|$)(?P<value>.*)$"
)
BULLETS = "○◯●•・◦▪■□◆◇※-‐－"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def squash(text):
    return re.sub(r"[\s\u3000]+", "", text)


class ImportError_(ValueError):  # noqa: N801 — not the builtin ImportError
    """Malformed input: names the section and the 1-based line of the input (the row of a workbook)."""

    def __init__(self, message, section=HEADING, line=1):
        self.message, self.section, self.line = message, section, line
        super().__init__(str(self))

    def __str__(self):
        return _("Line %(line)s, section %(section)s: %(message)s") % {
            "line": self.line,
            "section": self.section,
            "message": self.message,
        }
