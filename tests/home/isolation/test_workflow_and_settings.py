"""Cross-hub workflow actions, hub information (a site setting) and the import pages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Page

from goals.models import EvaluationIndexPage, EvaluationPage
from goals.models.workflow import APPROVAL_TASK_NAME, REVIEW_TASK_NAME
from resources_directory.importer import import_csv_bytes
from resources_directory.models import DirectoryPage, ListingPage
from tests.goals.conftest import SAMPLE
from tests.home.isolation.conftest import ROLES


def task_state(page):
    return Page.objects.get(pk=page.pk).specific.current_workflow_task_state


def workflow_paths(page, action):
    state = task_state(page)
    return {
        "action": f"/admin/pages/workflow/action/{page.pk}/{action}/{state.pk}/",
        "collect": f"/admin/pages/workflow/collect_action_data/{page.pk}/{action}/{state.pk}/",
        "preview": f"/admin/pages/workflow/preview/{page.pk}/{state.task_id}/",
    }


@pytest.mark.parametrize("role", ROLES)
def test_hub_a_staff_neither_approve_nor_reject_hub_b_evaluation(b, staff, client_as, role):
    client = client_as(staff[role])
    evaluation, before = b["evaluation"], task_state(b["evaluation"])
    assert before.task.name == REVIEW_TASK_NAME
    for action in ("approve", "reject"):
        paths = workflow_paths(evaluation, action)
        assert client.get(paths["collect"]).status_code != 200
        assert client.get(paths["preview"]).status_code != 200
        client.post(paths["action"], {"comment": "よその区から"})
        after = task_state(evaluation)
        assert (after.pk, after.status) == (before.pk, before.status), action


def test_control_hub_b_reviewer_approves_their_evaluation(b, staff_b, client_as):
    client = client_as(staff_b["reviewer"])
    paths = workflow_paths(b["evaluation"], "approve")
    assert client.get(paths["preview"]).status_code == 200
    client.post(paths["action"])
    assert task_state(b["evaluation"]).task.name == APPROVAL_TASK_NAME


def settings_url(hub):
    return f"/admin/settings/home/hubsettings/{hub.site.pk}/"


def hub_settings_data(hub, **changes):
    fields = ("hub_name", "ward", "operator", "address", "phone", "opening_hours")
    return {**{name: getattr(hub, name) for name in fields}, **changes}


def test_managers_edit_their_own_hub_information_only(b, hub_a, hub_b, staff, staff_b, client_as):
    client = client_as(staff["manager"])
    assert client.get("/admin/settings/home/hubsettings/", follow=True).redirect_chain[-1][0] == settings_url(hub_a)
    assert client.get(settings_url(hub_a)).status_code == 200
    refused = client.get(settings_url(hub_b))
    assert (refused.status_code, refused.url) == (302, "/admin/")  # Wagtail: to the dashboard, with a message
    client.post(settings_url(hub_b), hub_settings_data(hub_b, phone="000-0000-0000"))
    hub_b.refresh_from_db()
    assert hub_b.phone != "000-0000-0000"
    client.post(settings_url(hub_a), hub_settings_data(hub_a, phone="045-111-1111"))
    hub_a.refresh_from_db()
    assert hub_a.phone == "045-111-1111"
    control = client_as(staff_b["manager"])
    control.post(settings_url(hub_b), hub_settings_data(hub_b, phone="045-222-2222"))
    hub_b.refresh_from_db()
    assert hub_b.phone == "045-222-2222"


@pytest.mark.parametrize("role", ["editor", "reviewer"])
def test_other_staff_edit_no_hub_information(b, hub_a, hub_b, staff, client_as, role):
    client = client_as(staff[role])
    for hub in (hub_a, hub_b):
        assert client.get(settings_url(hub)).status_code in (302, 403)


def upload(text, name="hyouka.txt"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/plain")


@pytest.mark.parametrize("role", ["editor", "manager"])
def test_the_evaluation_import_targets_only_the_users_hub(b, home, staff, client_as, role):
    client = client_as(staff[role])
    own = EvaluationIndexPage.objects.child_of(home).get()
    response = client.get("/admin/goals/import/")
    assert [choice for choice, _label in response.context["form"].fields["evaluation_index"].choices] == [own.pk]
    evaluations_b = b["evaluations"]
    before = EvaluationPage.objects.child_of(evaluations_b).count()
    response = client.post("/admin/goals/import/", {"file": upload(SAMPLE), "evaluation_index": evaluations_b.pk})
    assert response.status_code == 400
    assert "evaluation_index" in response.context["form"].errors
    assert EvaluationPage.objects.child_of(evaluations_b).count() == before


def test_control_hub_b_editor_imports_into_hub_b(b, staff_b, client_as):
    evaluations_b = b["evaluations"]
    b["evaluation"].delete()  # the sample's fiscal year, imported again
    client = client_as(staff_b["editor"])
    preview = client.post("/admin/goals/import/", {"file": upload(SAMPLE), "evaluation_index": evaluations_b.pk})
    assert preview.status_code == 200  # the preview: confirmed below
    response = client.post("/admin/goals/import/", {"payload": preview.context["payload"]})
    assert response.status_code == 302
    assert EvaluationPage.objects.child_of(evaluations_b).count() == 1


def test_the_directory_import_names_only_its_own_hubs_areas(b, home):
    directory = DirectoryPage.objects.child_of(home).get()
    csv = "id,name,area\nyoso-salon,よそのサロン,tsubasa-kita\n".encode()
    report = import_csv_bytes(csv, directory)
    assert [error[1] for error in report.errors] == ["area"]
    assert not ListingPage.objects.filter(slug="yoso-salon").exists()
    report = import_csv_bytes(csv, b["directory"])
    assert report.errors == []
    assert ListingPage.objects.get(slug="yoso-salon").area == b["area"]
