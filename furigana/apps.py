from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FuriganaConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "furigana"
    verbose_name = _("Furigana")
