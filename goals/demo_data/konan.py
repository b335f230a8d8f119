"""Evaluations data set of the first hub (港南区): the real published FY2021 document (samples/konan_2021.txt)
and an invented FY2022 one evaluating its goals, so the goal chain, the timeline and the retrospective show."""

from copy import deepcopy
from datetime import date

from goals.importer.parser import ParsedGoal, parse

SAMPLE = "konan_2021.txt"

# Invented for the demo (not a real document): results and issues for the FY2022 goals.
INVENTED_2022 = [
    (["プレママ・プレパパ講座の参加者の約半数が、出産後も拠点を利用した。"], ["就労中の妊婦に届く周知方法が課題。"]),
    (["エリア会議で挙がった課題をもとに、ケアプラザと共催で出張ひろばを始めた。"], ["開催日が平日に偏っている。"]),
    (["土曜日のパパ向けプログラムを毎月開き、父親の相談件数が増えた。"], ["平日に来られる父親への働きかけ。"]),
    (["地域の居場所情報を月1回のメール便で届ける仕組みを試行した。"], ["登録者数がまだ少ない。"]),
]
NEXT_2023 = [
    ParsedGoal(
        1,
        "妊娠期の家庭が出産後の子育てをより安心して行えるように関係機関と連携しながら支援体制を整える。",
        ["母子保健コーディネーターと共同で、就労中の妊婦向けの夜間講座を試行する。"],
    ),
    ParsedGoal(
        2,
        "子育て中の保護者が必要とする情報を適時届けることができる仕組み作りを進める。",
        ["メール便の登録方法を見直し、乳幼児健診の会場で案内する。"],
    ),
]


def invented_second_year(first):
    second = deepcopy(first)
    second.fiscal_year = first.fiscal_year + 1
    second.period_start, second.period_end = date(second.fiscal_year, 4, 1), date(second.fiscal_year + 1, 3, 31)
    second.contract_year = (first.contract_year or 1) + 1
    second.evaluated_goals = [
        ParsedGoal(goal.number, goal.text, goal.actions, results, issues)
        for goal, (results, issues) in zip(first.next_goals, INVENTED_2022, strict=True)
    ]
    second.next_goals = NEXT_2023
    return second


def documents(read_sample):
    """The hub's evaluation documents, parsed, oldest first (``read_sample`` reads a file of goals/samples)."""
    first = parse(read_sample(SAMPLE))
    return [first, invented_second_year(first)]
