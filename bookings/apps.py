from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BookingsConfig(AppConfig):
    name = "bookings"
    verbose_name = _("Bookings")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_save

        from bookings.signals import hub_closed

        post_save.connect(hub_closed, sender="resources_directory.HubClosure", dispatch_uid="bookings-hub-closed")
