from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GoalsConfig(AppConfig):
    name = "goals"
    verbose_name = _("Evaluations and goals")

    def ready(self):
        from goals import signals  # noqa: F401
