"""Each hub's Editors and Managers keep their hub's bookings (the admin lists limit them to their own hub).

New hubs get this from ``home.permissions.grant_hub_permissions``; this gives it to hubs made before.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ("add_booking", "change_booking", "view_booking")


def grant(apps, schema_editor):
    app_config = apps.get_app_config("bookings")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    permissions = list(Permission.objects.filter(content_type__app_label="bookings", codename__in=CODENAMES))
    for hub in apps.get_model("home", "HubSettings").objects.all():
        for group_id in (hub.editors_id, hub.managers_id):
            if group_id:
                apps.get_model("auth", "Group").objects.get(pk=group_id).permissions.add(*permissions)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for permission in Permission.objects.filter(content_type__app_label="bookings", codename__in=CODENAMES):
        permission.group_set.clear()


class Migration(migrations.Migration):
    dependencies = [("bookings", "0001_initial"), ("home", "0007_session_booking_and_dates")]

    operations = [migrations.RunPython(grant, revoke)]
