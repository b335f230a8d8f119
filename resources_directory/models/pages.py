from datetime import date

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

from home.hub_page_form import HubPageForm
from home.life_stages import AGE_STAGE_MONTHS, LifeStage
from home.models.sections import SectionIndexPage

AMENITIES = {
    "nursing_room": _("Nursing room"),
    "changing_table": _("Nappy changing"),
    "stroller_access": _("Stroller access"),
    "parking": _("Parking"),
    "rain_ok": _("OK when it rains"),
}

postal_code_validator = RegexValidator(r"^\d{3}-?\d{4}$", _("Enter a postal code like 234-0054."))


class DirectoryPage(SectionIndexPage):
    """The directory of local places and groups: the search page. Listings live below it."""

    subpage_types = ["resources_directory.ListingPage"]

    class Meta:
        verbose_name = _("directory page")

    # The view answering requests (resources_directory.views.serve_directory), registered by the app's ready():
    # models never import views.
    view = None

    def serve(self, request, *args, **kwargs):
        return self.view(self, request, *args, **kwargs)


class ListingPage(Page):
    """One place or group in the directory (a salon, a care plaza, a park...)."""

    kana = models.CharField(_("reading (kana)"), max_length=255, blank=True)
    summary = models.TextField(_("summary"), blank=True, help_text=_("What happens there, what to bring."))
    categories = ParentalManyToManyField("resources_directory.Category", blank=True, verbose_name=_("categories"))
    area = models.ForeignKey(
        "resources_directory.Area",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="listings",
        verbose_name=_("area"),
    )
    organisation = models.CharField(_("run by"), max_length=255, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=8, blank=True, validators=[postal_code_validator])
    latitude = models.FloatField(
        _("latitude"), null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.FloatField(
        _("longitude"), null=True, blank=True, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    min_age_months = models.PositiveSmallIntegerField(
        _("youngest age (months)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(216)],
        help_text=_("Leave empty for no lower limit (also open to expectant parents)."),
    )
    max_age_months = models.PositiveSmallIntegerField(
        _("oldest age (months)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(216)],
        help_text=_("Leave empty for no upper limit."),
    )
    fee = models.CharField(_("fee"), max_length=255, blank=True, help_text=_("Empty means free."))
    booking_required = models.BooleanField(_("booking needed"), default=False)
    booking_info = models.CharField(_("how to book"), max_length=255, blank=True)
    nursing_room = models.BooleanField(AMENITIES["nursing_room"], default=False)
    changing_table = models.BooleanField(AMENITIES["changing_table"], default=False)
    stroller_access = models.BooleanField(AMENITIES["stroller_access"], default=False)
    parking = models.BooleanField(AMENITIES["parking"], default=False)
    rain_ok = models.BooleanField(AMENITIES["rain_ok"], default=False)
    languages = models.CharField(_("languages"), max_length=255, blank=True, help_text=_("E.g. 日本語, English"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    last_verified = models.DateField(_("last verified"), null=True, blank=True)
    # Never shown publicly (no template, API, open data or search index reads it): resources_directory/freshness.py.
    update_contact_email = models.EmailField(
        _("e-mail for updates"),
        blank=True,
        help_text=_("The group's own address: asked every few months whether this listing is still right. Not shown."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("kana"),
        FieldPanel("summary"),
        FieldPanel("categories"),
        MultiFieldPanel(
            [
                FieldPanel("area", widget=forms.Select),
                FieldPanel("address"),
                FieldPanel("postal_code"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Location"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("min_age_months"), FieldPanel("max_age_months")])], heading=_("Ages")
        ),
        InlinePanel("opening_hours", heading=_("Opening hours"), label=_("Opening hours")),
        InlinePanel("closures", heading=_("Closures"), label=_("Closure")),
        MultiFieldPanel(
            [FieldPanel("fee"), FieldPanel("booking_required"), FieldPanel("booking_info")],
            heading=_("Fee and booking"),
        ),
        MultiFieldPanel([FieldPanel(name) for name in AMENITIES], heading=_("Amenities")),
        MultiFieldPanel(
            [
                FieldPanel("organisation"),
                FieldPanel("phone"),
                FieldPanel("website"),
                FieldPanel("languages"),
                FieldPanel("last_verified"),
                FieldPanel("update_contact_email"),
            ],
            heading=_("Contact"),
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("kana"),
        index.SearchField("summary"),
        index.SearchField("address"),
        index.SearchField("organisation"),
        index.FilterField("area"),
        index.FilterField("min_age_months"),
        index.FilterField("max_age_months"),
    ]
    base_form_class = HubPageForm  # the area: one of its hub's

    parent_page_types = ["resources_directory.DirectoryPage"]
    subpage_types = []

    api_fields = [
        "kana",
        "summary",
        "organisation",
        "address",
        "postal_code",
        "latitude",
        "longitude",
        "min_age_months",
        "max_age_months",
        "fee",
        "booking_required",
        "booking_info",
        *AMENITIES,
        "languages",
        "phone",
        "website",
        "last_verified",
        APIField("live_status"),
    ]

    class Meta:
        verbose_name = _("directory listing")
        verbose_name_plural = _("directory listings")
        indexes = [
            models.Index(fields=["latitude", "longitude"], name="listing_location_idx"),
            models.Index(fields=["kana"], name="listing_kana_idx"),
        ]

    def clean(self):
        super().clean()
        errors = {}
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Give both latitude and longitude, or neither.")
        low, high = self.min_age_months, self.max_age_months
        if low is not None and high is not None and high < low:
            errors["max_age_months"] = _("The oldest age must not be below the youngest age.")
        if errors:
            raise ValidationError(errors)

    @property
    def amenities(self):
        return [key for key in AMENITIES if getattr(self, key)]

    @property
    def amenity_labels(self):
        return [AMENITIES[key] for key in self.amenities]

    @property
    def life_stages(self):
        """The child-age life stages (home.life_stages) this place is for."""
        low = self.min_age_months if self.min_age_months is not None else -1
        high = self.max_age_months if self.max_age_months is not None else 10_000
        stages = [stage for stage, (a, b) in AGE_STAGE_MONTHS.items() if a <= high and b >= low]
        if low < 0:
            stages.insert(0, LifeStage.PREGNANCY)
        return stages

    def accepts_age(self, months):
        low_ok = self.min_age_months is None or self.min_age_months <= months
        return low_ok and (self.max_age_months is None or months <= self.max_age_months)

    @property
    def is_stale(self):
        months = getattr(settings, "DIRECTORY_STALE_AFTER_MONTHS", 12)
        if self.last_verified is None:
            return True
        today = date.today()
        return (today.year - self.last_verified.year) * 12 + today.month - self.last_verified.month > months

    def today(self, now=None):
        """This page with ``next_open``, ``live``, ``coming_closure`` set (its own and its hub's closures)."""
        from resources_directory.today import annotate_page

        return annotate_page(self, now)

    def next_opening(self, now=None):
        return self.today(now).next_open

    @property
    def live_status(self):
        """The status shown now (``{"state", "note", "set_at"}``) or None: the listing's API v2 field."""
        from resources_directory.today import status_json

        return status_json(self.today())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.localtime()
        self.today(now)
        context["hours"] = self.opening_hours.all()
        context["upcoming_closures"] = [
            c for c in [*self.closures.all(), *self.hub_closures] if c.end_date >= now.date()
        ]
        context["opening"] = self.next_open
        return context

    def serve(self, request, *args, **kwargs):
        from resources_directory.today import expires_in

        response = super().serve(request, *args, **kwargs)
        # A cached copy must not outlive the status it shows (cms.page_cache reads this).
        response.page_cache_seconds = expires_in([self])
        return response
