"""Create the three staff groups: Editors, Ward reviewers, Managers.

Wagtail's own first migration creates "Editors" and "Moderators". We keep "Editors" (add and change pages,
images, documents), turn "Moderators" into "Managers" (they approve and publish) and add "Ward reviewers",
who act through the evaluation workflow only. Section pages grant further rights when they are created
(see home.permissions.grant_section_permissions).
"""

from django.db import migrations

ADMIN_ACCESS = ("wagtailadmin", "admin", "access_admin")


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    Task = apps.get_model("wagtailcore.Task")
    Workflow = apps.get_model("wagtailcore.Workflow")

    admin_type, _ = ContentType.objects.get_or_create(app_label=ADMIN_ACCESS[0], model=ADMIN_ACCESS[1])
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename=ADMIN_ACCESS[2], defaults={"name": "Can access Wagtail admin"}
    )

    managers = Group.objects.filter(name="Moderators").first()
    if managers is not None and not Group.objects.filter(name="Managers").exists():
        managers.name = "Managers"
        managers.save()
        Task.objects.filter(name="Moderators approval").update(name="Managers approval")
        Workflow.objects.filter(name="Moderators approval").update(name="Managers approval")
    for name in ("Editors", "Ward reviewers", "Managers"):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Group.objects.filter(name="Ward reviewers").delete()
    Group.objects.filter(name="Managers").update(name="Moderators")


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
