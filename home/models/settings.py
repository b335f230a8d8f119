from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="home")
class HubSettings(BaseSiteSetting):
    """Who runs this hub: shown in the footer and used as defaults by the evaluation importer."""

    hub_name = models.CharField(_("hub name"), max_length=100, blank=True)
    ward = models.CharField(_("ward"), max_length=50, blank=True)
    operator = models.CharField(_("operator"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)

    panels = [
        FieldPanel("hub_name"),
        FieldPanel("ward"),
        FieldPanel("operator"),
        FieldPanel("address"),
        FieldPanel("phone"),
        FieldPanel("opening_hours"),
    ]

    class Meta:
        verbose_name = _("hub information")
