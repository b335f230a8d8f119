"""Import (command and admin upload), export (?format=txt) and the round trip."""

from dataclasses import asdict
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import Page

from goals.importer.exporter import export
from goals.importer.parser import parse
from goals.models import EvaluatedGoal, EvaluationPage, Goal
from tests.goals.conftest import SAMPLE, SAMPLE_PATH


def test_the_command_imports_the_sample_as_a_draft_field_by_field(evaluations):
    call_command("import_evaluation", str(SAMPLE_PATH), "--index", str(evaluations.pk), stdout=None)
    page = EvaluationPage.objects.child_of(evaluations).get()
    assert not page.live and page.has_unpublished_changes
    assert page.title == "令和3年度重点目標評価結果・令和4年度重点目標" or page.fiscal_year_label in page.title
    assert (page.ward, page.fiscal_year, page.fiscal_year_label) == ("港南区", 2021, "令和3年度")
    assert (page.period_start, page.period_end) == (date(2021, 4, 1), date(2022, 3, 31))
    assert page.period_label == "令和3年4月1日～令和4年3月31日"
    assert (page.contract_year, page.contract_length) == (1, 5)
    assert page.operator_list == ["特定非営利活動法人ちゅーりっぷ"]
    assert page.ward_division == "港南区こども家庭支援課"
    assert len(page.principle_list) == 6 and len(page.business_area_list) == 7
    assert len(page.evaluation_method_list) == 2
    evaluated = list(page.evaluated_goals.all())
    assert [len(g.action_list) for g in evaluated] == [2, 2]
    assert [len(g.result_list) for g in evaluated] == [2, 2]
    assert [len(g.issue_list) for g in evaluated] == [1, 1]
    assert evaluated[1].result_list[1].startswith("拠点が出張はっちや公園あそびなどのアウトリーチ活動")
    assert [len(g.action_list) for g in page.next_goals.all()] == [2, 2, 2, 1]
    assert page.completeness_problems() == []
    # Every row is linked to a Goal of this hub: 2 evaluated this year + 4 declared for next year.
    assert Goal.objects.filter(evaluation_index=evaluations).count() == 6
    assert not EvaluatedGoal.objects.filter(goal=None).exists()


def test_export_gives_back_the_sample_and_the_round_trip_is_identical(draft):
    text = export(draft)
    assert text == SAMPLE  # byte for byte
    assert asdict(parse(text)) == asdict(parse(SAMPLE))


def test_dry_run_saves_nothing(evaluations, capsys):
    call_command("import_evaluation", str(SAMPLE_PATH), "--dry-run")
    assert "妊娠期の家庭が安心して子育てをスタートでき" in capsys.readouterr().out
    assert not EvaluationPage.objects.exists()


def test_malformed_input_exits_non_zero_names_the_line_and_saves_nothing(evaluations, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text(SAMPLE.replace("取組の課題\t重点目標1", "取組の課題\t重点目標7"), encoding="utf-8")
    pages = Page.objects.count()
    with pytest.raises(CommandError, match="17.*取組の課題|取組の課題.*17"):
        call_command("import_evaluation", str(bad))
    assert Page.objects.count() == pages and not Goal.objects.exists()


def test_importing_the_same_year_twice_is_refused(draft):
    with pytest.raises(CommandError, match="令和3年度"):
        call_command("import_evaluation", str(SAMPLE_PATH))
    assert EvaluationPage.objects.count() == 1


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, len(SAMPLE.split("\n")) - 1), st.text(max_size=30))
def test_fuzzed_imports_save_all_or_nothing(evaluations, tmp_path, line, noise):
    lines = SAMPLE.split("\n")
    lines[line] = noise + lines[line][len(noise) :]
    path = tmp_path / "fuzz.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    before = (Page.objects.count(), Goal.objects.count())
    try:
        call_command("import_evaluation", str(path))
    except CommandError:
        assert (Page.objects.count(), Goal.objects.count()) == before
    else:
        page = EvaluationPage.objects.get()
        assert page.evaluated_goals.count() + page.next_goals.count() >= 1
        page.delete()
        Goal.objects.all().delete()


def test_page_serves_the_text_format(draft, client_for):
    draft.get_latest_revision().publish()
    response = client_for("anonymous").get(draft.url + "?format=txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode("utf-8") == SAMPLE


def test_page_html_is_structured_and_accessible(draft, client_for):
    draft.get_latest_revision().publish()
    html = client_for("anonymous").get(draft.url).content.decode()
    assert '<h1 id="evaluation-title">令和3年度重点目標評価結果・令和4年度重点目標</h1>' in html
    assert html.count('<section class="goal"') == 6
    assert "<h4>取組の課題</h4>" in html and "css/evaluation.css" in html


class TestAdminUpload:
    def upload(self, client, text, evaluations):
        file = SimpleUploadedFile("konan.txt", text.encode("utf-8"), content_type="text/plain")
        return client.post("/admin/goals/import/", {"file": file, "evaluation_index": evaluations.pk})

    def test_an_editor_imports_a_draft_after_the_preview(self, evaluations, client_for):
        client = client_for("editor")
        assert client.get("/admin/goals/import/").status_code == 200
        assert "/admin/goals/import/" in client.get("/admin/").content.decode()  # menu item
        preview = self.upload(client, SAMPLE, evaluations)
        assert preview.status_code == 200 and not EvaluationPage.objects.exists()  # nothing saved yet
        response = client.post("/admin/goals/import/", {"payload": preview.context["payload"]})
        page = EvaluationPage.objects.get()
        assert response.status_code == 302 and response["Location"] == f"/admin/pages/{page.pk}/edit/"
        assert not page.live

    def test_bad_input_is_a_400_with_the_message_in_the_form(self, evaluations, client_for):
        response = self.upload(
            client_for("editor"), SAMPLE.replace("重点目標2 ○エリア会議", "重点目標5 ○エリア会議"), evaluations
        )
        assert response.status_code == 400
        assert "17" in response.content.decode() and "取組の課題" in response.content.decode()
        assert not EvaluationPage.objects.exists()
        response = self.upload(client_for("editor"), "", evaluations)
        assert response.status_code == 400

    @pytest.mark.parametrize(("role", "status"), [("reviewer", 302), ("anonymous", 302)])
    def test_others_cannot_import(self, evaluations, client_for, role, status):
        client = client_for(role)
        assert client.get("/admin/goals/import/").status_code == status
        assert self.upload(client, SAMPLE, evaluations).status_code == status
        assert not EvaluationPage.objects.exists()


@pytest.mark.parametrize(
    ("change", "section"),
    [
        (
            lambda t: t.replace(
                "事業の実施者\t特定非営利活動法人ちゅーりっぷ 港南区こども家庭支援課",
                "事業の実施者\t港南区こども家庭支援課",
            ),
            "事業の実施者",
        ),
    ],
    ids=["no-operator"],
)
def test_missing_required_fields_are_named_and_nothing_is_saved(evaluations, tmp_path, change, section):
    path = tmp_path / "missing.txt"
    path.write_text(change(SAMPLE), encoding="utf-8")
    with pytest.raises(CommandError, match=section):
        call_command("import_evaluation", str(path))
    assert not EvaluationPage.objects.exists() and not Goal.objects.exists()
