"""The page back in the published text format (the format of the sample, konan_2021.txt)."""

OL = '<ol style="list-style-type: none">'


def numbered(items):
    return " ".join(f"{number} {item}" for number, item in enumerate(items, start=1))


def by_goal(goals, attribute):
    parts = []
    for number, goal in enumerate(goals, start=1):
        items = getattr(goal, attribute)
        parts.append(f"重点目標{number} " + " ".join(f"○{item}" for item in items))
    return " ".join(parts)


def period_text(page):
    """令和3年4月1日～令和4年3月31日(1年度目/5か年度)"""
    period = page.period_label
    if page.contract_year and page.contract_length:
        period += f"({page.contract_year}年度目/{page.contract_length}か年度)"
    return period


def implementers(page, separator=" "):
    return separator.join([*page.operator_list, *filter(None, [page.ward_division])])


def export(page):
    """Text (UTF-8, tab between label and value) that parser.parse reads back to the same data."""
    year, next_year = page.fiscal_year_label, page.next_fiscal_year_label  # as the document wrote them
    purpose = f"<p>{page.purpose}</p>" if page.purpose else ""
    if page.principle_list:
        purpose += f" <p>【事業・施設運営の基本理念】</p> {OL} {numbered(page.principle_list)}"
    evaluated = list(page.evaluated_goals.all())
    upcoming = list(page.next_goals.all())
    lines = [
        "",
        "",
        f"{page.ward}地域子育て支援拠点事業",
        f"{year}重点目標評価結果・{next_year}重点目標",
        "",
        f"事業実施期間\t{period_text(page)}",
        f"事業の実施者\t{implementers(page)}",
        f"事業目的\t{purpose.strip()}",
    ]
    if page.business_area_list:
        lines.append(f"事業の内容\t{OL} {numbered(page.business_area_list)}")
    if page.evaluation_method_list:
        lines.append(f"事業の評価実施方法及び評価結果の公表方法\t{OL} {numbered(page.evaluation_method_list)}")
    if evaluated:
        lines += [
            "",
            f"{year}重点目標の評価",
            "",
            f"{year} 重点目標\t" + " ".join(f"重点目標{n} {goal.text}" for n, goal in enumerate(evaluated, 1)),
            f"取組内容\t{by_goal(evaluated, 'action_list')}",
            f"取組の成果\t{by_goal(evaluated, 'result_list')}",
            f"取組の課題\t{by_goal(evaluated, 'issue_list')}",
        ]
    if upcoming:
        lines += [
            "",
            "次年度重点目標",
            "",
            f"{next_year} 重点目標\t" + " ".join(f"重点目標{n} {goal.text}" for n, goal in enumerate(upcoming, 1)),
            f"取組内容\t{by_goal(upcoming, 'action_list')}",
        ]
    return "\n".join(lines)
