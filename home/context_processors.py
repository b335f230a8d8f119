from wagtail.models import Site

from languages.locales import localized_menu


def site_menu(request):
    """The top-level sections shown in the header menu (pages marked "show in menus"), in the reader's language
    when translated (each with ``menu_url``: its version in that language, else its Japanese page under the
    reader's prefix)."""
    site = Site.find_for_request(request)
    if site is None:
        return {"site_menu": []}
    return {"site_menu": localized_menu(site, site.root_page.get_children().live().public().in_menu(), request)}
