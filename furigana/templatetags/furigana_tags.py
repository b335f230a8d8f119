from django import template
from django.utils.translation import get_language

from furigana.mode import toggle_url, wants_furigana

register = template.Library()


@register.simple_tag(takes_context=True)
def furigana_link(context):
    """The ルビ link of the header, on Japanese pages: {"on": shown now?, "url": the switch, then back here}."""
    request = context.get("request")
    if request is None or (get_language() or "").split("-")[0] != "ja":
        return None
    return {"on": wants_furigana(request), "url": toggle_url(request)}
