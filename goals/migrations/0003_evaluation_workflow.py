"""The 評価書承認 workflow (Ward reviewers, then Managers), attached to existing evaluations index pages.

Also lets Editors and Managers edit Goal snippets (relinking goals across years).
"""

from django.db import migrations


TASKS = (("区の確認（相互振り返り）", "Ward reviewers"), ("管理者の承認", "Managers"))


def create_workflow(apps):
    """The single-hub workflow of the time (frozen here; goals.workflow now makes one per hub)."""
    get = apps.get_model
    task_model = get("goals", "EvaluationApprovalTask")
    workflow, _created = get("wagtailcore", "Workflow").objects.get_or_create(
        name="評価書承認", defaults={"active": True}
    )
    task_type, _created = get("contenttypes", "ContentType").objects.get_or_create(
        app_label="goals", model="evaluationapprovaltask"
    )
    for sort_order, (name, group_name) in enumerate(TASKS):
        task = task_model.objects.filter(name=name).first()
        if task is None:
            task = task_model.objects.create(name=name, active=True, content_type_id=task_type.pk)
        group, _created = get("auth", "Group").objects.get_or_create(name=group_name)
        task.groups.add(group)
        get("wagtailcore", "WorkflowTask").objects.get_or_create(
            workflow=workflow, task_id=task.pk, defaults={"sort_order": sort_order}
        )
    return workflow


def forwards(apps, schema_editor):
    workflow = create_workflow(apps)
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    EvaluationIndexPage = apps.get_model("goals", "EvaluationIndexPage")
    for page in EvaluationIndexPage.objects.all():
        WorkflowPage.objects.update_or_create(page_id=page.pk, defaults={"workflow": workflow})

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    goal_type, _ = ContentType.objects.get_or_create(app_label="goals", model="goal")
    for codename, name in (("add_goal", "Can add goal"), ("change_goal", "Can change goal")):
        permission, _ = Permission.objects.get_or_create(
            content_type=goal_type, codename=codename, defaults={"name": name}
        )
        for group_name in ("Editors", "Managers"):
            group, _ = Group.objects.get_or_create(name=group_name)
            group.permissions.add(permission)


def backwards(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Workflow.objects.filter(name="評価書承認").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("goals", "0002_evaluation_pages_goals_and_approval_task"),
        ("home", "0002_staff_groups"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
