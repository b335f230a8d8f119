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
    # No search_fields here: the admin search then uses the model's index (search.backends), which can search
    # every indexed field; naming fields would ask the SQLite index for columns it does not have.
    ordering = ["text"]


register_snippet(ReadingViewSet)
