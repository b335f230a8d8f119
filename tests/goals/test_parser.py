"""The importer's parser: the real sample field by field, the real-world variants, errors, fuzzing."""

import contextlib
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goals.importer.parser import ImportError_, ParsedEvaluation, parse
from goals.management.commands.import_evaluation import read_text
from tests.goals.conftest import SAMPLE


def test_the_sample_is_read_field_by_field():
    parsed = parse(SAMPLE)
    assert parsed.ward == "港南区"
    assert parsed.fiscal_year == 2021
    assert (parsed.period_start, parsed.period_end) == (date(2021, 4, 1), date(2022, 3, 31))
    assert (parsed.contract_year, parsed.contract_length) == (1, 5)
    assert parsed.operators == ["特定非営利活動法人ちゅーりっぷ"]
    assert parsed.ward_division == "港南区こども家庭支援課"
    assert parsed.purpose.startswith("市民が安心して子どもを生み育て")
    assert parsed.purpose.endswith("寄与することを目的とします。")
    assert len(parsed.principles) == 6
    assert parsed.principles[0] == "港南区における、地域による子育て支援の拠点施設としての運営"
    assert parsed.principles[5] == "地域の人と人とのつながりを広げ、地域ぐるみの子育て支援を目指す運営"
    assert len(parsed.business_areas) == 7
    assert parsed.business_areas[0] == "乳幼児の遊びと育ちの場及びその養育者の交流の場の提供(親子の居場所事業)"
    assert parsed.business_areas[6] == "子育て家庭のニーズに応じた施設・事業等の利用の支援に関すること(利用者支援事業)"
    assert len(parsed.evaluation_method) == 2
    assert parsed.evaluation_method[1] == "今年度の取組状況や成果、課題を踏まえ、次年度の重点目標を公表します。"

    first, second = parsed.evaluated_goals
    assert first.text.startswith("妊娠期の家庭が安心して子育てをスタートでき、")
    assert first.text.endswith("拠点がその親子たちの心地よい居場所となるよう継続した取り組みを行う。")
    assert len(first.actions) == 2 and first.actions[1].startswith("子育て世代包括支援センター事業推進のため")
    assert len(first.results) == 2 and first.results[1].startswith("沐浴体験や赤ちゃんとの生活プチ体験")
    assert "プレママ・プレパパ事業" in first.results[0]  # a ・ inside a sentence is not a bullet
    assert first.issues == [
        "計画途中の母子保健コーディネーターとの事業(就労中のプレママ・プレパパへのアプローチ)について更なる打ち合わせが必要。"
    ]
    assert (
        second.text == "安心して子育てできる地域づくりのために、子育て支援関係者とのきめ細やかな連携を発展させていく。"
    )
    assert [len(second.actions), len(second.results), len(second.issues)] == [2, 2, 1]
    assert "区内を4つのエリアに分けて" in second.results[0]  # a digit inside a sentence is not a number

    assert [goal.number for goal in parsed.next_goals] == [1, 2, 3, 4]
    assert [len(goal.actions) for goal in parsed.next_goals] == [2, 2, 2, 1]
    assert (
        parsed.next_goals[2].text
        == "夫婦がともに協力して子育てが進められるよう、父親が気軽に訪れ子育ての相談ができる拠点となる。"
    )
    assert (
        parsed.next_goals[0].actions[1]
        == "産後の子育て家庭が自宅の近隣で仲間づくりができるよう、地域の子育て資源を紹介しつなげていく。"
    )
    assert all(not goal.results and not goal.issues for goal in parsed.next_goals)


VARIANT = """港南区地域子育て支援拠点事業
平成30年度重点目標評価結果・次年度重点目標

事業実施期間：平成30年4月1日～平成31年3月31日（４年度目／５か年度）
事業の実施者  特定非営利活動法人ちゅーりっぷ　港南区こども家庭支援課
事業目的
<p>目的です。</p>
事業の評価実施方法及び
評価結果の公表方法\t<ol><li>一つ目</li><li>二つ目</li></ol>

平成30年度重点目標の評価

重点目標
重点目標１　最初の目標。
重点目標２　二番目の目標。
取組内容
重点目標１
・やること１
・やること２
重点目標２
• やること３
取組の成果\t重点目標1 ①成果A ②成果B 重点目標2 1. 成果C 2. 成果D
取組の課題\t重点目標1 ○課題A 重点目標2 ○課題B

次年度重点目標

次年度 重点目標\t重点目標1 来年の目標。
取組内容\t重点目標1 ○来年やること
"""


def test_real_world_variants_are_read():
    parsed = parse(VARIANT.replace("\n", "\r\n"))
    assert parsed.fiscal_year == 2018  # 平成30年度
    assert (parsed.contract_year, parsed.contract_length) == (4, 5)  # full-width digits and brackets
    assert parsed.period_end == date(2019, 3, 31)
    assert parsed.operators == ["特定非営利活動法人ちゅーりっぷ"]  # spaces, not a tab, and an ideographic space
    assert parsed.ward_division == "港南区こども家庭支援課"
    assert parsed.purpose == "目的です。"  # value on the following line, inside <p>
    assert parsed.evaluation_method == ["一つ目", "二つ目"]  # heading split over two lines; <li> items
    assert parsed.principles == [] and parsed.business_areas == []  # missing optional sections
    first, second = parsed.evaluated_goals
    assert (first.text, second.text) == ("最初の目標。", "二番目の目標。")
    assert first.actions == ["やること１", "やること２"] and second.actions == ["やること３"]
    assert first.results == ["成果A", "成果B"] and second.results == ["成果C", "成果D"]
    assert first.issues == ["課題A"] and second.issues == ["課題B"]
    assert [(goal.text, goal.actions) for goal in parsed.next_goals] == [("来年の目標。", ["来年やること"])]


def test_reiwa_first_year_and_shift_jis():
    text = SAMPLE.replace("令和3年", "令和元年").replace("令和4年", "令和2年").replace("令和3年度", "令和元年度")
    parsed = parse(read_text(text.encode("cp932")))
    assert parsed.fiscal_year == 2019 and parsed.period_end == date(2020, 3, 31)
    assert len(parsed.next_goals) == 4  # 令和2年度 = the next year


@pytest.mark.parametrize(
    ("change", "section", "line"),
    [
        (lambda t: t.replace("取組の成果\t重点目標1", "取組の成果\t重点目標3"), "取組の成果", 16),
        (
            lambda t: t.replace("重点目標2 安心して子育てできる地域づくりのために、子育て支援関係者", "重点目標3 x"),
            "重点目標",
            14,
        ),
        (lambda t: t.replace("令和", "昭和"), "見出し", 4),
        (lambda t: t.replace("取組の課題\t", "取組の成果\t", 1), "取組の成果", 17),
        (lambda t: "一文目です。\n二文目です。\n三文目です。\n四文目です。\n" + t, "見出し", 4),
        (lambda t: t.replace("(1年度目/5か年度)", "(6年度目/5か年度)"), "事業実施期間", 6),
        (lambda t: t.replace("令和4年3月31日", "令和2年3月31日"), "事業実施期間", 6),
    ],
    ids=["unknown-goal", "goal-numbering", "no-year", "duplicate-section", "preamble", "contract-year", "period"],
)
def test_errors_name_the_section_and_the_line(change, section, line):
    with pytest.raises(ImportError_) as caught:
        parse(change(SAMPLE))
    assert (caught.value.section, caught.value.line) == (section, line)
    assert f"Line {line}" in str(caught.value) or f"{line}行目" in str(caught.value)


@pytest.mark.parametrize("text", ["", "   \n\n", "\ufeff"])
def test_empty_input_is_refused(text):
    with pytest.raises(ImportError_):
        parse(text)


@settings(max_examples=30, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_never_crashes_the_parser(text):
    with contextlib.suppress(ImportError_):
        assert isinstance(parse(text), ParsedEvaluation)


def published_forms():
    """The sample and the other published forms (tests/goals/test_import_forms.py), each as a list of lines."""
    from tests.goals.test_import_forms import WEB, heisei_31, split_labels

    return {"template": SAMPLE, "web": WEB, "split-labels": split_labels(SAMPLE), "heisei": heisei_31(SAMPLE)}


FORMS = {name: text.split("\n") for name, text in published_forms().items()}
NOISE = "重点目標取組内容成果課題○・•①1２.\t 　<p></p>令和平成年度ホーム(KB)"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(sorted(FORMS)),
    st.lists(
        st.tuples(
            st.integers(0, 200),
            st.sampled_from(["drop", "duplicate", "truncate", "insert"]),
            st.text(alphabet=NOISE, max_size=20),
        ),
        max_size=4,
    ),
)
def test_mutated_forms_parse_or_fail_cleanly(form, mutations):
    lines = list(FORMS[form])
    for position, kind, noise in mutations:
        position = position % len(lines)
        if kind == "drop" and len(lines) > 1:
            del lines[position]
        elif kind == "duplicate":
            lines.insert(position, lines[position])
        elif kind == "truncate":
            lines[position] = lines[position][: len(noise) * 3]
        else:
            lines.insert(position, noise)
    try:
        parsed = parse("\n".join(lines))
    except ImportError_ as error:
        assert error.section and 1 <= error.line <= len(lines) + 1
    else:
        assert all(1 <= number <= len(lines) for number, _text in parsed.skipped)
