from wagtail.models import PagePermissionTester


class SectionPermissionTester(PagePermissionTester):
    """Section pages hold a hub's structure: only superusers may delete or move them."""

    def can_delete(self, ignore_bulk=False):
        return self.user.is_active and self.user.is_superuser and super().can_delete(ignore_bulk)


class SectionPage:
    """Mixin for the home page and the section index pages (programs, directory, evaluations).

    ``section_permissions`` maps a staff group to the page permissions it gets on this section when the
    section is created (see home.permissions.grant_section_permissions).
    """

    section_permissions = {}

    def permissions_for_user(self, user):
        return SectionPermissionTester(user, self)
