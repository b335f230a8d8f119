"""Every published form of the evaluation imports (docs/evaluations.md, "Forms the importer takes").

Fixtures: the real sample turned into each form as the hubs publish it (labels broken over two lines, copied with
the site around it, 平成31年度, cut part-way) and tests/goals/forms/web_r4.txt, the simplified web version written
after its description (heading, bare labels, 1. goals, group lines, • and ① items, menus, a download link, footer).
"""

from dataclasses import asdict
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from wagtail.models import Page

from goals.importer.builder import build, warnings
from goals.importer.exporter import export
from goals.importer.labels import HEADER_SECTIONS
from goals.importer.parser import ImportError_, parse
from goals.models import EvaluationPage, Goal
from tests.goals.conftest import SAMPLE

FORMS = Path(__file__).resolve().parent / "forms"
WEB = (FORMS / "web_r4.txt").read_text(encoding="utf-8")
WEB_CHROME = [
    (1, "メインコンテンツへスキップ"),
    (2, "ホーム"),
    (3, "くらし・手続き"),
    (4, "子育て・教育"),
    (5, "区の紹介"),
    (6, "ホーム > 子育て・教育 > 地域の子育て支援 > はっち"),
    (29, "R3年度利用者アンケート"),
    (30, "(2019-03-22・1440KB)"),
    (31, "このページへのお問合せ"),
    (32, "港南区こども家庭支援課"),
    (33, "電話：045-000-0000"),
    (34, "ページID：123-456-789"),
    (35, "Copyright © City. All rights reserved."),
]


def document_data(parsed):
    """What a document says, without where it says it (line numbers) or what was left around it."""
    data = asdict(parsed)
    for name in ("lines", "skipped"):
        data.pop(name)
    return data


def split_labels(text):
    """Labels broken over two lines, as a narrow table cell prints them."""
    for label, head in (
        ("取組の成果", "取組の"),
        ("取組の課題", "取組の"),
        ("事業実施期間", "事業実施"),
        ("取組内容", "取組"),
    ):
        text = text.replace(f"{label}\t", f"{head}\n{label[len(head) :]}\t")
    return text


def heisei_31(text):
    """The sample as a document for FY2019 written before 1 May 2019 (平成31年度; next year 令和2年度)."""
    for old, new in (("令和3年度", "平成31年度"), ("令和4年度", "令和2年度"), ("令和3年4月1日", "平成31年4月1日")):
        text = text.replace(old, new)
    return text.replace("令和4年3月31日", "令和2年3月31日")


def test_labels_broken_over_two_lines_read_as_the_sample():
    text = split_labels(SAMPLE)
    assert "取組の\n成果\t重点目標1" in text  # the form that was refused with "重点目標1が2回あります"
    assert document_data(parse(text)) == document_data(parse(SAMPLE))


def test_the_simplified_web_version_is_read_and_its_site_text_left_out_and_listed():
    parsed = parse(WEB)
    assert parsed.fiscal_year == 2022 and parsed.year_label == ""  # 令和4年度 is how we show FY2022 anyway
    assert parsed.skipped == WEB_CHROME
    first, second = parsed.evaluated_goals
    assert first.text.startswith("妊娠期の家庭が出産後の子育てを") and second.text.startswith("安心して子育てできる")
    assert first.actions == [
        "妊娠期から拠点につながり産後も安心して拠点を利用することができるよう、事業を効果的に計画して実行する。",
        "産後の子育て家庭が自宅の近隣で仲間づくりができるよう、地域の子育て資源を紹介しつなげていく。",
    ]
    assert second.actions == [
        "港南区子育て連絡会のエリア会議で共有した地域課題について子育て支援関係者とともに解決策を考えていく。"
    ]  # group line "2. <the goal>" is a group, not an item
    assert first.results == [  # ① ② items under the label broken over two lines (取組の / 成果)
        "プレママ・プレパパ向けの講座を年4回開き、産後に拠点を訪れる家庭が増えた。",
        "地域の子育てサロンを紹介した家庭の多くが、近所で仲間を見つけた。",
    ]
    assert second.results == ["エリア会議で出た課題をもとに、公園あそびを2か所で新しく始めた。"]
    assert first.issues == ["就労中の妊娠期の家庭に届く周知の方法を考える必要がある。"]
    assert second.issues == ["子育て支援関係者が少ない地域での支援の担い手づくり。"]  # not the download link
    assert parsed.next_goals == [] and parsed.ward == "" and parsed.operators == []
    assert parsed.missing == [*HEADER_SECTIONS, "次年度重点目標"]  # 事業実施期間 … 評価結果の公表方法


def test_the_template_copied_with_the_site_around_it_reads_as_the_sample():
    chrome = "本文へスキップ\nサイトマップは使いません\nホーム\n子育て\n"
    footer = "\n令和3年度の評価書（PDF）\n(PDF：245KB)\nページの先頭へ戻る\n港南区役所\n"
    parsed = parse(chrome + SAMPLE + footer)
    assert document_data(parsed) == document_data(parse(SAMPLE))
    texts = [text for _line, text in parsed.skipped]
    assert texts == ["本文へスキップ", "サイトマップは使いません", "ホーム", "子育て"] + footer.strip().split("\n")


def test_heisei_31_keeps_its_label_in_the_title_and_the_export(evaluations):
    text = heisei_31(SAMPLE)
    parsed = parse(text)
    assert (parsed.fiscal_year, parsed.year_label, parsed.next_year_label) == (2019, "平成31年度", "")
    page = build(parsed, evaluations)
    assert page.fiscal_year == 2019  # stored as a western year
    assert page.title == "平成31年度重点目標評価結果・令和2年度重点目標"
    assert export(page) == text  # as it was published, byte for byte
    assert "平成31年度重点目標の評価" in export(page) and "令和元年度" not in export(page)


def test_a_new_document_defaults_to_the_current_era_and_a_label_must_name_its_year(evaluations):
    page = build(parse(SAMPLE.replace("令和3年", "令和元年").replace("令和4年", "令和2年")), evaluations)
    assert (page.year_label, page.fiscal_year_label) == ("", "令和元年度")
    page.year_label = "平成30年度"  # FY2018: not this document's year
    with pytest.raises(ValidationError, match="year_label|2019"):
        page.full_clean()
    page.year_label = "平成31年度"
    page.full_clean()


@pytest.mark.parametrize(
    "cut",
    ["取組内容\t重点目標1", "取組の成果\t重点目標1 ○区の協力で病院との連携や母子保健", "次年度重点目標"],
    ids=["before-results", "mid-results", "before-next-year"],
)
def test_a_text_cut_part_way_imports_as_a_draft_with_its_missing_sections_named(evaluations, client_for, staff, cut):
    text = SAMPLE[: SAMPLE.index(cut) + len(cut)]
    parsed = parse(text)
    assert "次年度重点目標" in parsed.missing
    page = build(parsed, evaluations)
    assert not page.live and page.completeness_problems()
    html = client_for("editor").get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "次年度" in html or "Next year" in html  # the edit screen names what is missing
    # Approval stays refused until it is complete (the existing check).
    page.get_workflow().start(page, staff["editor"])
    state = page.current_workflow_task_state
    response = client_for("reviewer").post(f"/admin/pages/workflow/action/{page.pk}/approve/{state.pk}/")
    assert "incomplete=1" in response["Location"]
    page.refresh_from_db()
    assert not page.live and page.current_workflow_task_state.pk == state.pk


def test_the_web_version_imports_as_a_draft_with_the_hub_s_ward_and_operator(evaluations, client_for):
    parsed = parse(WEB)
    found = warnings(parsed, evaluations)
    assert any("13" in warning for warning in found)  # the 13 lines left out
    assert any("事業目的" in warning and "次年度重点目標" in warning for warning in found)
    page = build(parsed, evaluations)
    assert (page.ward, page.operator_list) == ("港南区", ["特定非営利活動法人ちゅーりっぷ"])
    assert page.title == "令和4年度重点目標評価結果・令和5年度重点目標"
    html = client_for("editor").get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "次年度" in html or "Next year" in html
    assert ("事業の目的" in html or "purpose" in html) and ("区の担当課" in html or "division" in html)


NOT_AN_EVALUATION = """メインコンテンツへスキップ
ホーム
お知らせ
令和4年度の子育て講座を開きます。
会場は区役所の会議室です。
申し込みは電話で受け付けます。
持ち物は特にありません。
"""


@pytest.mark.parametrize(
    ("text", "section", "line"),
    [
        (NOT_AN_EVALUATION, "見出し", 4),
        ("港南区地域子育て支援拠点事業\n令和3年度重点目標評価結果・令和4年度重点目標\n", "重点目標", 1),
        ("ホーム\nメニュー\nお知らせ\nイベント\n", "見出し", 4),
    ],
    ids=["news-page", "heading-only", "menu-only"],
)
def test_what_is_not_an_evaluation_is_refused_with_line_and_section(evaluations, tmp_path, text, section, line):
    with pytest.raises(ImportError_) as caught:
        parse(text)
    assert (caught.value.section, caught.value.line) == (section, line)
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    pages = Page.objects.count()
    with pytest.raises(CommandError, match=section):
        call_command("import_evaluation", str(path))
    assert Page.objects.count() == pages and not Goal.objects.exists()


def test_the_command_dry_run_lists_the_lines_left_out_and_the_missing_sections(evaluations, tmp_path, capsys):
    path = tmp_path / "web.txt"
    path.write_text(WEB, encoding="utf-8")
    call_command("import_evaluation", str(path), "--dry-run")
    out = capsys.readouterr().out
    assert "skipped line 30: (2019-03-22・1440KB)" in out and "missing: 事業実施期間" in out
    assert not EvaluationPage.objects.exists()
