"""An installation made before hubs keeps its staff and content when it migrates (home 0005)."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from home.hub_setup import create_hub
from home.models import HubSettings

BEFORE = [("home", "0004_hub_groups_and_collection"), ("resources_directory", "0003_directory_snippet_permissions")]


def migrate(targets=None):
    """Migrate to these nodes (default: every app's latest migration, as the rest of the suite expects)."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def legacy_install():
    """The state of a single-hub install just before 0005: global groups with rights on the tree root."""
    create_hub(name="はっち", ward="港南区", hostname="localhost", slug="konan", default=True)
    apps = migrate(BEFORE)
    Group = apps.get_model("auth", "Group")
    hub = apps.get_model("home", "HubSettings").objects.get()
    root = apps.get_model("wagtailcore", "Page").objects.get(depth=1)
    root_collection = apps.get_model("wagtailcore", "Collection").objects.get(depth=1)
    for role, field in (("Editors", "editors"), ("Ward reviewers", "ward_reviewers"), ("Managers", "managers")):
        group = getattr(hub, field)
        group.name = role
        group.save()
        rights = apps.get_model("wagtailcore", "GroupPagePermission").objects.filter(group=group)
        rights.filter(page=hub.site.root_page).update(page=root)
        apps.get_model("wagtailcore", "GroupCollectionPermission").objects.filter(group=group).update(
            collection=root_collection
        )
    hub.editors = hub.ward_reviewers = hub.managers = hub.collection = None
    hub.slug = None
    hub.save()
    apps.get_model("wagtailcore", "Collection").objects.filter(depth=2).delete()
    apps.get_model("wagtailcore", "Collection").objects.filter(depth=1).update(numchild=0)
    apps.get_model("resources_directory", "Area").objects.create(name="日野", slug="hino")
    user = get_user_model().objects.create_user(username="old-editor", password="x" * 12)
    user.groups.add(Group.objects.get(name="Editors").pk)
    yield user
    migrate()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_old_groups_become_the_hubs_groups_with_their_members_and_nothing_reaches_the_tree_root(legacy_install):
    migrate()
    hub = HubSettings.objects.get()
    assert hub.slug == "localhost"
    assert hub.editors.name == "はっち: Editors" and legacy_install.groups.get() == hub.editors
    assert not GroupPagePermission.objects.filter(page=Page.get_first_root_node()).exists()
    home_rights = set(GroupPagePermission.objects.filter(page=hub.site.root_page).values_list("group", flat=True))
    assert home_rights == {hub.editors.pk, hub.managers.pk}
    assert hub.collection.get_parent() == Collection.get_first_root_node()
    assert set(GroupCollectionPermission.objects.values_list("collection", flat=True)) == {hub.collection.pk}
    assert list(hub.areas.values_list("slug", flat=True)) == ["hino"]
    assert not hub.editors.permissions.filter(codename__in=["change_category", "change_synonymgroup"]).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migrating_back_and_forward_again_leaves_the_adopted_hub_as_it_is(legacy_install):
    migrate()
    hub = HubSettings.objects.get()
    groups, collection = [hub.editors_id, hub.ward_reviewers_id, hub.managers_id], hub.collection_id
    migrate(BEFORE)
    migrate()
    hub = HubSettings.objects.get()
    assert [hub.editors_id, hub.ward_reviewers_id, hub.managers_id] == groups and hub.collection_id == collection
    assert Collection.objects.filter(depth=2).count() == 1
    assert legacy_install.groups.get() == hub.editors
