"""The programs section: ProgramIndexPage (agenda, calendar, iCal) and ProgramPage (one program)."""

from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BodyBlock
from home.business_areas import BusinessArea
from home.hub_page_form import HubPageForm
from home.life_stages import LifeStage
from home.models.sections import SectionIndexPage


class ProgramIndexPage(SectionIndexPage):
    """The hub's programs (講座・ひろば・イベント): an agenda of upcoming sessions with filters and a calendar."""

    subpage_types = ["home.ProgramPage"]

    class Meta:
        verbose_name = _("program index page")

    # The view answering requests (home.views.program_index), registered by HomeConfig.ready: models never import
    # views.
    view = None

    def serve(self, request, *args, **kwargs):
        return self.view(request, self)


# How far ahead a program page lists its sessions.
UPCOMING_DAYS = 120


class BookingMethod(models.TextChoices):
    NOT_NEEDED = "none", _("No booking needed")
    FIRST_COME = "first_come", _("First come, first served")
    PHONE = "phone", _("Book by phone")
    WEB = "web", _("Book with the web form")
    SITE = "site", _("Book on this site (places per session)")


BOOKING_REQUIRED = (BookingMethod.PHONE, BookingMethod.WEB, BookingMethod.SITE)


class ProgramPageForm(HubPageForm):
    """Its venue and image: one of its hub's (``HubPageForm``)."""

    life_stages = forms.MultipleChoiceField(
        label=_("For"), choices=LifeStage.choices, widget=forms.CheckboxSelectMultiple, required=True
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("booking") == BookingMethod.WEB and not cleaned.get("booking_url"):
            self.add_error("booking_url", _("Give the address of the web form."))
        if cleaned.get("booking") == BookingMethod.SITE and not self.any_session_has_places():
            self.add_error("booking", _("Give at least one session a number of places to book on this site."))
        return cleaned

    def any_session_has_places(self):
        sessions = self.formsets.get("sessions")
        if sessions is None:
            return True
        return any(
            form.cleaned_data.get("capacity") is not None and not form.cleaned_data.get("DELETE")
            for form in sessions.forms
            if hasattr(form, "cleaned_data")
        )


def validate_life_stages(value):
    if not isinstance(value, list) or any(stage not in LifeStage.values for stage in value):
        raise ValidationError(_("Unknown life stage."))


class ProgramPage(Page):
    """One program: a course, an outreach session, a park play day... with its sessions."""

    summary = models.TextField(_("summary"), max_length=400, help_text=_("One or two sentences for the agenda."))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    image = models.ForeignKey(
        "home.CustomImage", verbose_name=_("image"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    business_area = models.CharField(_("business area"), max_length=20, choices=BusinessArea.choices)
    life_stages = models.JSONField(_("for"), default=list, validators=[validate_life_stages])
    venue = models.ForeignKey(
        "resources_directory.ListingPage",
        verbose_name=_("venue in the directory"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="programs",
    )
    place_name = models.CharField(
        _("place"), max_length=120, blank=True, help_text=_("Venue name when it is not in the directory.")
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    area_name = models.CharField(
        _("area"), max_length=40, blank=True, help_text=_("Neighbourhood parents filter by, e.g. 上大岡.")
    )
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    fee = models.CharField(_("fee"), max_length=100, blank=True, help_text=_("e.g. 無料, 300円 (materials)."))
    booking = models.CharField(
        _("booking"), max_length=12, choices=BookingMethod.choices, default=BookingMethod.NOT_NEEDED
    )
    booking_opens = models.DateField(_("booking opens"), null=True, blank=True)
    booking_url = models.URLField(_("booking form address"), blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)

    base_form_class = ProgramPageForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("business_area")]),
        FieldPanel("life_stages"),
        FieldPanel("image"),
        FieldPanel("body"),
        InlinePanel("sessions", heading=_("Sessions"), label=_("Session"), min_num=1),
        MultiFieldPanel(
            [FieldPanel("venue"), FieldPanel("place_name"), FieldPanel("address"), FieldPanel("area_name")],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("fee")]),
                FieldRowPanel([FieldPanel("booking"), FieldPanel("booking_opens")]),
                FieldPanel("booking_url"),
                FieldPanel("contact"),
            ],
            heading=_("Booking and fee"),
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("place_name"),
        index.FilterField("business_area"),
        index.FilterField("area_name"),
    ]

    parent_page_types = ["home.ProgramIndexPage"]
    subpage_types = []

    api_fields = [
        "summary",
        "body",
        "business_area",
        "life_stages",
        "place_name",
        "address",
        "area_name",
        "capacity",
        "fee",
        "booking",
        "booking_opens",
        "contact",
    ]

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("programs")

    @property
    def booking_required(self):
        return self.booking in BOOKING_REQUIRED

    @property
    def booked_on_site(self):
        """Families book its sessions with places here (``bookings``), not by phone or an outside form."""
        return self.booking == BookingMethod.SITE

    @property
    def life_stage_labels(self):
        labels = dict(LifeStage.choices)
        return [labels[stage] for stage in LifeStage.values if stage in self.life_stages]

    @property
    def for_fathers(self):
        return LifeStage.FATHERS in self.life_stages

    @property
    def place(self):
        """The venue's name: the directory listing's title, else the free place name."""
        return self.venue.title if self.venue_id and self.venue else self.place_name

    def get_context(self, request, *args, **kwargs):
        from bookings.availability import attach_places
        from home.agenda import program_occurrences, today
        from languages.locales import original

        context = super().get_context(request, *args, **kwargs)
        start = today()
        # A translation shows its Japanese program's dates: their cancellations, places and booking links (the
        # copied sessions of a translation are never booked, cancelled or counted; the agenda lists originals too).
        program = self if self.pk is None else original(self)
        if program is not self and not program.live:
            occurrences = []  # the Japanese program is withdrawn: nothing to attend or book
        else:
            occurrences = program_occurrences(program, start, start + timedelta(days=UPCOMING_DAYS))
        # Places left on each date shown (one query), for a program booked on this site.
        shown = attach_places(occurrences[:12])
        context.update(occurrences=shown, more_occurrences=len(occurrences) > 12)
        return context
