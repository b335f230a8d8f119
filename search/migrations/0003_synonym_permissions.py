"""Editors and Managers keep the directory's synonym list (add, change, delete)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ["Editors", "Managers"]
ACTIONS = ["add", "change", "delete", "view"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("site_search")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        for action in ACTIONS:
            group.permissions.add(
                Permission.objects.get(content_type__app_label="site_search", codename=f"{action}_synonymgroup")
            )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth.Permission")
    for group in apps.get_model("auth.Group").objects.filter(name__in=GROUPS):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="site_search", content_type__model="synonymgroup")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("site_search", "0002_directory_documents"),
        ("home", "0002_staff_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
