"""Staff groups and the page permissions each site section grants them.

The group names are keys (tests, workflows and the demo data use them); the admin shows them as they are.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

EDITORS = "Editors"
WARD_REVIEWERS = "Ward reviewers"
MANAGERS = "Managers"
STAFF_GROUPS = (EDITORS, WARD_REVIEWERS, MANAGERS)


def grant_section_permissions(page):
    """Give the staff groups the permissions a section page declares in ``section_permissions``.

    Called when a section page (programs, directory, evaluations) is created, so every new hub's sections
    get the same rules without hand work in the admin. Idempotent.
    """
    for group_name, codenames in page.section_permissions.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        for codename in codenames:
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
