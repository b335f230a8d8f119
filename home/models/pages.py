from datetime import datetime, time, timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BodyBlock
from home.models.sections import SectionPage


class HomePage(SectionPage, Page):
    """The hub's front page: what the hub is, and the ways in for parents."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "home.ProgramIndexPage",
        "resources_directory.DirectoryPage",
        "goals.EvaluationIndexPage",
    ]

    api_fields = ["intro", "body"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.get_children().live().public().specific()
        context["hub_closures"] = self.hub_closures()
        return context

    def hub_closures(self, today=None, days=14):
        """This hub's closures (「警報のため本日休館」) that have not ended and start within ``days``: the banner."""
        from home.agenda import today as tokyo_today
        from resources_directory.models import HubClosure

        today = today or tokyo_today()
        closures = HubClosure.objects.filter(hub__site__root_page=self, end_date__gte=today)
        return list(closures.filter(start_date__lte=today + timedelta(days=days)).order_by("start_date"))

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        response.page_cache_seconds = seconds_to_midnight()  # the banner's "today" must not outlive the day
        return response


def seconds_to_midnight():
    from home.agenda import TOKYO

    now = datetime.now(TOKYO)
    return int((datetime.combine(now.date() + timedelta(days=1), time.min, tzinfo=TOKYO) - now).total_seconds())


class StandardPage(Page):
    """An ordinary content page: about the hub, access, FAQ."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    api_fields = ["intro", "body"]

    class Meta:
        verbose_name = _("standard page")
