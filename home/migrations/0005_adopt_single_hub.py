"""From one hub with global staff groups to hubs with their own groups.

Before this migration the three staff groups ("Editors", "Ward reviewers", "Managers") held page rights on the
tree's root and image/document rights on the root collection, so they reached every site. Now:
- an installation with a hub (a site whose root is a HomePage) keeps its staff: the three groups become that
  hub's groups (renamed "<hub>: <role>"), their root page rights move to the hub's home page, their media rights
  to a new collection of the hub (its images and documents move there too), and the hub's home page keeps the
  "Managers approval" workflow;
- a fresh installation has no hub yet: the empty global groups and their root rights are removed; hubs are
  made by ``manage.py create_hub`` (or ``load_demo``) with their own groups.
Shared snippets (categories, synonyms) are now the city's: hub groups lose their rights on them.
Migrating back changes nothing (the hub keeps its groups and rights); migrating forward again leaves a hub that
already has its groups as it is.
"""

from django.db import migrations
from django.utils.text import slugify

ROLES = {"Editors": "editors", "Ward reviewers": "ward_reviewers", "Managers": "managers"}
SHARED = [("resources_directory", "category"), ("site_search", "synonymgroup")]
BASE36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def child_path(parent, number):
    digits = ""
    while number:
        number, digit = divmod(number, 36)
        digits = BASE36[digit] + digits
    return parent.path + digits.rjust(4, "0")


def new_collection(Collection, name):
    root = Collection.objects.get(depth=1)
    collection = Collection.objects.create(
        name=name, path=child_path(root, root.numchild + 1), depth=2, numchild=0
    )
    root.numchild += 1
    root.save(update_fields=["numchild"])
    return collection


def first_hub_site(apps):
    HomePage = apps.get_model("home", "HomePage")
    homes = set(HomePage.objects.values_list("pk", flat=True))
    sites = apps.get_model("wagtailcore", "Site").objects.select_related("root_page").order_by("root_page__path")
    return next((site for site in sites if site.root_page_id in homes), None)


def adopt(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Collection = apps.get_model("wagtailcore", "Collection")
    HubSettings = apps.get_model("home", "HubSettings")

    legacy = {role: Group.objects.filter(name=role).first() for role in ROLES}
    groups = [group for group in legacy.values() if group is not None]
    root_page = Page.objects.filter(depth=1).first()
    site = first_hub_site(apps)
    if site is None:
        GroupPagePermission.objects.filter(group__in=groups).delete()
        GroupCollectionPermission.objects.filter(group__in=groups).delete()
        for group in groups:
            if not group.user_set.exists():
                group.delete()
        return

    hub, _created = HubSettings.objects.get_or_create(site=site)
    if hub.editors_id is not None:
        return  # already a hub with its own groups: migrated before (and migrated back, which changes nothing)
    name = hub.hub_name or site.site_name or site.hostname
    hub.hub_name = name
    hub.slug = hub.slug or slugify(site.hostname.split(".")[0]) or "hub"
    for role, field in ROLES.items():
        group = legacy[role] or Group.objects.get_or_create(name=f"{name}: {role}")[0]
        group.name = f"{name}: {role}"
        group.save()
        setattr(hub, field, group)
        groups.append(group)
    if hub.collection_id is None:
        hub.collection = new_collection(Collection, name)
    hub.save()

    home = site.root_page
    GroupPagePermission.objects.filter(group__in=groups, page=root_page).update(page=home)
    root_collection = Collection.objects.get(depth=1)
    GroupCollectionPermission.objects.filter(group__in=groups, collection=root_collection).update(
        collection=hub.collection
    )
    for model in (("home", "CustomImage"), ("home", "CustomDocument")):
        apps.get_model(*model).objects.filter(collection=root_collection).update(collection=hub.collection)
    root_workflow = WorkflowPage.objects.filter(page=root_page).first()
    if root_workflow and not WorkflowPage.objects.filter(page=home).exists():
        WorkflowPage.objects.create(page=home, workflow=root_workflow.workflow)
    shared = Permission.objects.filter(
        content_type__app_label__in=[app for app, _model in SHARED],
        content_type__model__in=[model for _app, model in SHARED],
    )
    for group in groups:
        group.permissions.remove(*shared)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_hub_groups_and_collection"),
        ("goals", "0003_evaluation_workflow"),
        ("resources_directory", "0003_directory_snippet_permissions"),
        ("site_search", "0003_synonym_permissions"),
    ]

    operations = [migrations.RunPython(adopt, migrations.RunPython.noop)]
