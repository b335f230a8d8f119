from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet

from furigana.models import Reading
from resources_directory.wagtail_hooks import HubFieldViewSet


class ReadingViewSet(HubFieldViewSet):
    """Corrected readings (表記 → よみ): each hub's Editors and Managers keep only their own hub's (home.hub_admin)."""

    model = Reading
    icon = "pilcrow"
    menu_label = _("Readings (furigana)")
    add_to_admin_menu = True
    menu_order = 260
    list_display = ["text", "reading", "hub"]
    search_fields = ["text", "reading"]
    ordering = ["text"]


register_snippet(ReadingViewSet)
