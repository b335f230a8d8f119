from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from home import admin_views
from home.hub_admin import hub_pages_q, sees_every_hub
from home.hubs import hubs_for_user


@hooks.register("construct_page_chooser_queryset")
def pages_of_the_users_hubs(pages, request):
    """The page chooser (browse and search) offers only pages of the user's hubs."""
    if sees_every_hub(request.user):
        return pages
    return pages.filter(hub_pages_q(hubs_for_user(request.user)))


@hooks.register("register_admin_urls")
def register_hubs_url():
    return [path("hubs/", admin_views.hubs, name="home_hubs")]


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def register_hubs_menu_item():
    return SuperuserMenuItem(_("Hubs"), reverse("home_hubs"), icon_name="site", order=150)
