"""The admin import: upload → preview (nothing saved) → confirm → draft; per hub; tampering and refusals."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from goals.importer.parser import parse
from goals.importer.preview import sign
from goals.importer.workbook import workbook_bytes
from goals.models import EvaluationIndexPage, EvaluationPage, Goal
from home.models import HubSettings
from tests.conftest import log_in, make_staff_user
from tests.goals.conftest import SAMPLE
from tests.goals.test_import_forms import WEB
from tests.home.programs.conftest import TSUBASA, make_hub

URL = "/admin/goals/import/"


def upload(client, data, index, name="evaluation.txt"):
    data = data.encode("utf-8") if isinstance(data, str) else data
    return client.post(URL, {"file": SimpleUploadedFile(name, data), "evaluation_index": index.pk})


def test_the_preview_shows_the_structure_and_warnings_and_saves_nothing(evaluations, client_for):
    client = client_for("editor")
    response = upload(client, WEB, evaluations)
    assert response.status_code == 200 and not EvaluationPage.objects.exists() and not Goal.objects.exists()
    html = response.content.decode()
    assert "令和4年度" in html and "2022" in html  # header fields
    assert "妊娠期の家庭が出産後の子育てをより安心して" in html  # each goal …
    assert "地域の子育てサロンを紹介した家庭の多くが、近所で仲間を見つけた。" in html  # … with its results
    assert "子育て支援関係者が少ない地域での支援の担い手づくり。" in html  # … and issues
    assert "(2019-03-22・1440KB)" in html and "メインコンテンツへスキップ" in html  # lines left out, listed
    assert "次年度重点目標" in html and "事業目的" in html  # missing sections named
    assert "港南区" in html  # the hub's ward is used: said so
    response = client.post(URL, {"payload": response.context["payload"]})
    page = EvaluationPage.objects.get()
    assert response["Location"] == f"/admin/pages/{page.pk}/edit/" and not page.live
    assert page.completeness_problems()  # a draft to finish in the editor


def test_a_workbook_goes_through_the_same_preview(draft, evaluations, client_for):
    data = workbook_bytes(draft)
    draft.delete()
    client = client_for("editor")
    preview = upload(client, data, evaluations, name="evaluation.xlsx")
    assert preview.status_code == 200 and "妊娠期の家庭が安心して子育てをスタートでき" in preview.content.decode()
    client.post(URL, {"payload": preview.context["payload"]})
    assert EvaluationPage.objects.get().completeness_problems() == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("ホーム\nメニュー\nお知らせ\nイベント\n", "見出し"),
        (b"PK\x03\x04 broken", "Excel"),
        (SAMPLE.replace("取組の課題\t重点目標1", "取組の課題\t重点目標7"), "取組の課題"),
    ],
    ids=["not-an-evaluation", "broken-xlsx", "unknown-goal"],
)
def test_a_refused_file_is_a_400_naming_line_and_section(evaluations, client_for, data, message):
    response = upload(client_for("editor"), data, evaluations)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html or "xlsx" in html
    assert not EvaluationPage.objects.exists()


def test_a_year_the_hub_already_has_is_refused_at_the_preview(draft, evaluations, client_for):
    response = upload(client_for("editor"), SAMPLE, evaluations)
    assert response.status_code == 400 and "令和3年度" in response.content.decode()
    assert EvaluationPage.objects.count() == 1


def test_a_changed_or_foreign_preview_is_refused(evaluations, client_for, staff):
    client = client_for("editor")
    payload = upload(client, SAMPLE, evaluations).context["payload"]
    tampered = payload[:-3] + ("AAA" if not payload.endswith("AAA") else "BBB")
    response = client.post(URL, {"payload": tampered})
    assert response.status_code == 400 and 'role="alert"' in response.content.decode()
    manager = client_for("manager")
    assert manager.post(URL, {"payload": payload}).status_code == 400  # signed for the editor
    assert not EvaluationPage.objects.exists()


def test_another_hub_s_staff_cannot_import_into_this_hub(evaluations):
    index_b = EvaluationIndexPage.objects.child_of(make_hub(**TSUBASA)).get()
    hub_b = HubSettings.objects.get(slug="tsubasa")
    editor_b = make_staff_user("editor", hub=hub_b, username="editor_b")
    client = log_in(Client(), editor_b)
    response = client.get(URL, HTTP_HOST=TSUBASA["hostname"])
    assert [choice for choice, _label in response.context["form"].fields["evaluation_index"].choices] == [index_b.pk]
    response = upload(client, SAMPLE, evaluations)  # into 港南区's index
    assert response.status_code == 400
    forged = sign(parse(SAMPLE), editor_b, evaluations)  # even with a valid signature for that index
    assert client.post(URL, {"payload": forged}).status_code == 400
    assert not EvaluationPage.objects.exists()
    # Into their own hub: a warning that the document is for another ward.
    preview = upload(client, SAMPLE, index_b)
    assert preview.status_code == 200 and "つばさ区" in preview.content.decode()
    client.post(URL, {"payload": preview.context["payload"]})
    assert EvaluationPage.objects.child_of(index_b).count() == 1
    assert not EvaluationPage.objects.child_of(evaluations).exists()
