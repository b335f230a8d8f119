from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Collection


@register_setting(icon="home")
class HubSettings(BaseSiteSetting):
    """One hub: who runs it (shown in the footer, defaults for the evaluation importer) and what it owns.

    A hub is a Wagtail Site. ``home.hubs.create_hub`` makes one with its page tree, its three staff groups, its
    image and document collection and its workflows; the fields below the contact details record them.
    """

    hub_name = models.CharField(_("hub name"), max_length=100, blank=True)
    ward = models.CharField(_("ward"), max_length=50, blank=True)
    operator = models.CharField(_("operator"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    slug = models.SlugField(_("hub key"), max_length=50, unique=True, null=True, editable=False)
    editors = models.OneToOneField(
        Group, null=True, editable=False, on_delete=models.SET_NULL, related_name="hub_as_editors"
    )
    ward_reviewers = models.OneToOneField(
        Group, null=True, editable=False, on_delete=models.SET_NULL, related_name="hub_as_ward_reviewers"
    )
    managers = models.OneToOneField(
        Group, null=True, editable=False, on_delete=models.SET_NULL, related_name="hub_as_managers"
    )
    floor_staff = models.OneToOneField(
        Group, null=True, editable=False, on_delete=models.SET_NULL, related_name="hub_as_floor_staff"
    )
    collection = models.OneToOneField(
        Collection, null=True, editable=False, on_delete=models.SET_NULL, related_name="hub"
    )

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
        ordering = ["site__root_page__path"]

    def __str__(self):
        return self.hub_name or self.site.site_name or self.site.hostname

    def group(self, role):
        """This hub's staff group for a role key (home.permissions.EDITORS, WARD_REVIEWERS, MANAGERS, FLOOR_STAFF)."""
        return getattr(self, self.role_field(role))

    @staticmethod
    def role_field(role):
        return ROLE_FIELDS[role]


ROLE_FIELDS = {
    "Editors": "editors",
    "Ward reviewers": "ward_reviewers",
    "Managers": "managers",
    "Floor staff": "floor_staff",
}
