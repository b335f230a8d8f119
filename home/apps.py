from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Hub pages")

    def ready(self):
        from cms.page_cache import connect_signals

        from . import signals  # noqa: F401
        from .models import ProgramIndexPage
        from .views import program_index

        connect_signals()
        ProgramIndexPage.view = staticmethod(program_index)
