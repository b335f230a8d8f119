"""Categories and areas: small lists the hub's staff keep up to date as snippets.

Both are translatable (wagtail-localize): a row's versions in other languages share its ``translation_key`` and its
``slug`` (kept in step, never translated), so a slug is unique within one locale. Filters, choices and imports use the
Japanese rows (``in_default_locale()``), to which listings point; a page shows ``localized_name``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField


class TranslatableQuerySet(models.QuerySet):
    def in_default_locale(self):
        """The rows in the site's default language (Japanese): the ones listings point to."""
        return self.filter(locale__language_code=settings.LANGUAGE_CODE)


class TranslatableSnippet(TranslatableMixin):
    objects = TranslatableQuerySet.as_manager()

    class Meta(TranslatableMixin.Meta):
        abstract = True

    @property
    def localized_name(self):
        """The name in the reader's language when translated and published, else the Japanese one."""
        return self.localized.name


class Category(TranslatableSnippet, index.Indexed, models.Model):
    """A kind of place: 子育てサロン, 地域ケアプラザ, 公園, 図書館のおはなし会..."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, allow_unicode=False)
    hsds_type = models.CharField(
        _("open data type"), max_length=100, blank=True, help_text=_("Service type used in the open-data export.")
    )
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("hsds_type"), FieldPanel("sort_order")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("slug"),
        index.FilterField("locale"),
    ]
    override_translatable_fields = [SynchronizedField("slug"), SynchronizedField("hsds_type")]

    class Meta(TranslatableSnippet.Meta):
        ordering = ["sort_order", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [models.UniqueConstraint(fields=["slug", "locale"], name="category_slug_per_locale")]

    def __str__(self):
        return self.name


class Area(TranslatableSnippet, index.Indexed, models.Model):
    """A part of a hub's ward (a ward has several areas, e.g. 港南台, 日野, 野庭). Each area belongs to one hub."""

    hub = models.ForeignKey(
        "home.HubSettings",
        verbose_name=_("hub"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,  # deleting a hub's site keeps its areas (and the listings' area) for another hub
        related_name="areas",
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)
    latitude = models.FloatField(_("latitude of the centre"), null=True, blank=True)
    longitude = models.FloatField(_("longitude of the centre"), null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    panels = [
        FieldPanel("hub"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("latitude"),
        FieldPanel("longitude"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("slug"),
        index.FilterField("hub"),
        index.FilterField("locale"),
    ]
    override_translatable_fields = [SynchronizedField("slug")]

    class Meta(TranslatableSnippet.Meta):
        ordering = ["sort_order", "name"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        constraints = [models.UniqueConstraint(fields=["slug", "locale"], name="area_slug_per_locale")]

    def __str__(self):
        return self.name
