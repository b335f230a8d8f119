"""Editors and Managers keep the directory's categories and areas up to date (add, change; Managers also delete)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

RIGHTS = {
    "Editors": ["add", "change", "view"],
    "Managers": ["add", "change", "delete", "view"],
}
MODELS = ["category", "area"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("resources_directory")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for group_name, actions in RIGHTS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for model in MODELS:
            for action in actions:
                group.permissions.add(
                    Permission.objects.get(content_type__app_label="resources_directory", codename=f"{action}_{model}")
                )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth.Permission")
    for group in apps.get_model("auth.Group").objects.filter(name__in=RIGHTS):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="resources_directory",
                                                            content_type__model__in=MODELS))


class Migration(migrations.Migration):
    dependencies = [
        ("resources_directory", "0002_listing_details_hours_categories_areas"),
        ("home", "0002_staff_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
