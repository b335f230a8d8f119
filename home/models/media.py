"""Custom image and document models, so fields can be added without swapping models later."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class CustomImage(AbstractImage):
    default_alt_text = models.CharField(
        _("default alternative text"),
        max_length=255,
        blank=True,
        help_text=_("Used when a page shows this image without its own alternative text."),
    )
    credit = models.CharField(_("credit"), max_length=255, blank=True)

    admin_form_fields = (*Image.admin_form_fields, "default_alt_text", "credit")


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class CustomDocument(AbstractDocument):
    description = models.CharField(_("description"), max_length=255, blank=True)

    admin_form_fields = (*Document.admin_form_fields, "description")
