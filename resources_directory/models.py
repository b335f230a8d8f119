from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from home.models.sections import SectionPage


class DirectoryPage(SectionPage, Page):
    """The directory of local places and groups. Listings live below it."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["resources_directory.ListingPage"]
    max_count_per_parent = 1

    api_fields = ["intro"]

    # Editors keep listings up to date and publish them directly.
    section_permissions = {
        "Editors": ["add_page", "change_page", "publish_page"],
        "Managers": ["add_page", "change_page", "publish_page", "bulk_delete_page"],
    }

    class Meta:
        verbose_name = _("directory page")


class ListingPage(Page):
    """One place or group in the directory (a salon, a care plaza, a park...)."""

    kana = models.CharField(_("reading (kana)"), max_length=255, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("kana")]

    search_fields = [*Page.search_fields, index.SearchField("kana")]

    parent_page_types = ["resources_directory.DirectoryPage"]
    subpage_types = []

    api_fields = ["kana"]

    class Meta:
        verbose_name = _("directory listing")
