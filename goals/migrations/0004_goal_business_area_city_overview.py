"""Goals get a business area (事業の内容); City staff may see every hub's goals side by side.

The "City staff" group is made by home.permissions.city_staff_group() (with CITY_MODEL_PERMISSIONS, which now
include goals.view_city_overview) when the first hub is created; an installation that already has the group
gets the permission here.
"""

from django.db import migrations, models

CITY_STAFF = "City staff"
CODENAME = "view_city_overview"


def city_overview_permission(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    goal_type, _created = ContentType.objects.get_or_create(app_label="goals", model="goal")
    permission, _created = Permission.objects.get_or_create(
        content_type=goal_type, codename=CODENAME, defaults={"name": "Can see every hub's priority goals"}
    )
    return permission


def grant(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=CITY_STAFF).first()
    if group is not None:
        group.permissions.add(city_overview_permission(apps))


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=CITY_STAFF).first()
    if group is not None:
        group.permissions.remove(*group.permissions.filter(content_type__app_label="goals", codename=CODENAME))


class Migration(migrations.Migration):

    dependencies = [
        ('goals', '0003_evaluation_workflow'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='goal',
            options={'ordering': ['first_year', 'pk'], 'permissions': [('view_city_overview', "Can see every hub's priority goals")], 'verbose_name': 'goal', 'verbose_name_plural': 'goals'},
        ),
        migrations.AddField(
            model_name='goal',
            name='business_area',
            field=models.CharField(blank=True, choices=[('play_room', 'Meeting place for parents and children'), ('consultation', 'Child-rearing consultation'), ('information', 'Collecting and sharing information'), ('network', 'Network of supporters'), ('training', 'Training and supporting volunteers'), ('support_system', 'Yokohama child-rearing support system'), ('user_support', 'Helping families use services')], help_text="The business (事業の内容) this goal mainly concerns; the city's overview filters by it.", max_length=20, verbose_name='Business area'),
        ),
        migrations.RunPython(grant, revoke),
    ]
