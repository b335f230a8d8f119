from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, PagePermissionTester
from wagtail.search import index


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


class SectionIndexPage(SectionPage, Page):
    """A section of the hub below the home page (programs, directory, evaluations): one per hub, an intro.

    Subclasses set ``subpage_types`` and may narrow ``section_permissions``; by default Editors publish directly.
    """

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1

    api_fields = ["intro"]

    section_permissions = {
        "Editors": ["add_page", "change_page", "publish_page"],
        "Managers": ["add_page", "change_page", "publish_page", "bulk_delete_page"],
    }

    class Meta:
        abstract = True
