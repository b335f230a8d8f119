from wagtail.models import Site


def site_menu(request):
    """The top-level sections shown in the header menu (pages marked "show in menus")."""
    site = Site.find_for_request(request)
    if site is None:
        return {"site_menu": []}
    return {"site_menu": site.root_page.get_children().live().public().in_menu()}
