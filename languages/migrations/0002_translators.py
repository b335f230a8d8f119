"""Hubs made before translations: their Editors and Managers, and City staff (categories), may start translations
(wagtail-localize's ``submit_translation``; ``languages.admin_routes`` keeps it to what each may edit). New hubs get it
from ``home.permissions.ROLE_MODEL_PERMISSIONS``."""

from django.db import migrations


def grant(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    translate = Permission.objects.get(content_type__app_label="wagtail_localize", codename="submit_translation")
    for hub in apps.get_model("home", "HubSettings").objects.filter(slug__isnull=False):
        for group in (hub.editors, hub.managers):
            if group is not None:
                group.permissions.add(translate)
    for group in apps.get_model("auth", "Group").objects.filter(name="City staff"):
        group.permissions.add(translate)


class Migration(migrations.Migration):
    dependencies = [
        ("languages", "0001_locales"),
        ("home", "0008_hubsettings_floor_staff"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
