from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from home.models.sections import SectionPage


class EvaluationIndexPage(SectionPage, Page):
    """One hub's yearly evaluation documents (重点目標評価結果・次年度重点目標)."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    api_fields = ["intro"]

    # Editors draft evaluations but never publish them: a Manager approves and publishes.
    section_permissions = {
        "Editors": ["add_page", "change_page"],
        "Managers": ["add_page", "change_page", "publish_page", "bulk_delete_page"],
    }

    class Meta:
        verbose_name = _("evaluation index page")
