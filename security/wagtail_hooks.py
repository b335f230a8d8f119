from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from security.two_factor import two_factor


@hooks.register("register_admin_urls")
def register_two_factor_url():
    return [path("two-factor/", two_factor, name="security_two_factor")]


@hooks.register("register_settings_menu_item")
def register_two_factor_menu_item():
    return MenuItem(_("Two-factor authentication"), reverse("security_two_factor"), icon_name="key", order=900)
