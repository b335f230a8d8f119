"""Hubs made before furigana: their Editors and Managers keep their own hub's corrected readings.

New hubs get this from ``home.hub_setup.create_hub`` (``home.permissions.READING_PERMISSIONS``).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ("add_reading", "change_reading", "delete_reading", "view_reading")


def grant(apps, schema_editor):
    app_config = apps.get_app_config("furigana")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    readings = list(Permission.objects.filter(content_type__app_label="furigana", codename__in=CODENAMES))
    for hub in apps.get_model("home", "HubSettings").objects.filter(slug__isnull=False, editors__isnull=False):
        hub.editors.permissions.add(*readings)
        if hub.managers_id:
            hub.managers.permissions.add(*readings)


class Migration(migrations.Migration):
    dependencies = [
        ("furigana", "0001_initial"),
        ("home", "0008_hubsettings_floor_staff"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
