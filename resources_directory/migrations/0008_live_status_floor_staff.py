"""Hubs made before live statuses get their ひろばスタッフ group ("<hub>: Floor staff": admin access and the live
status only) and their Editors the live status and hub-wide closures (Managers: closures).

New hubs get all of this from ``home.hub_setup.create_hub`` (``home.permissions.grant_hub_permissions``).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

LIVE = "set_live_status"
CLOSURES = ("add_hubclosure", "change_hubclosure", "delete_hubclosure", "view_hubclosure")


def permissions(apps, app_label, codenames):
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return list(Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    live = permissions(apps, "resources_directory", [LIVE])
    closures = permissions(apps, "resources_directory", CLOSURES)
    access = permissions(apps, "wagtailadmin", ["access_admin"])
    for hub in apps.get_model("home", "HubSettings").objects.filter(slug__isnull=False, editors__isnull=False):
        if hub.floor_staff_id is None:
            hub.floor_staff, _created = Group.objects.get_or_create(name=f"{hub.hub_name}: Floor staff")
            hub.save(update_fields=["floor_staff"])
        hub.floor_staff.permissions.add(*access, *live)
        hub.editors.permissions.add(*live, *closures)
        if hub.managers_id:
            hub.managers.permissions.add(*closures)


def revoke(apps, schema_editor):
    HubSettings = apps.get_model("home", "HubSettings")
    group_ids = [pk for pk in HubSettings.objects.values_list("floor_staff_id", flat=True) if pk]
    HubSettings.objects.update(floor_staff=None)
    apps.get_model("auth", "Group").objects.filter(pk__in=group_ids).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("resources_directory", "0007_live_status_and_hub_closures"),
        ("home", "0008_hubsettings_floor_staff"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
