"""City staff see the task queue (home.permissions grants it to the group when it is created; this, to a group
made before)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    app_config = apps.get_app_config("worker")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(content_type__app_label="worker", codename="view_task_queue").first()
    group = apps.get_model("auth", "Group").objects.filter(name="City staff").first()
    if permission and group:
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("worker", "0001_task_queue_permission"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
