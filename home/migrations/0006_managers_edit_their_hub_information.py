"""Each hub's Managers may edit their own hub's information (the HubSettings site setting), and only theirs.

New hubs get this from ``home.permissions.grant_hub_permissions``; this gives it to hubs made before.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    app_config = apps.get_app_config("home")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    GroupSitePermission = apps.get_model("wagtailcore", "GroupSitePermission")
    change = Permission.objects.get(content_type__app_label="home", codename="change_hubsettings")
    for hub in apps.get_model("home", "HubSettings").objects.exclude(managers=None):
        GroupSitePermission.objects.get_or_create(group_id=hub.managers_id, site_id=hub.site_id, permission=change)


def revoke(apps, schema_editor):
    apps.get_model("wagtailcore", "GroupSitePermission").objects.filter(
        permission__content_type__app_label="home", permission__codename="change_hubsettings"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0005_adopt_single_hub"),
        ("wagtailcore", "0095_groupsitepermission"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
