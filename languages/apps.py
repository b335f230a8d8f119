from django.apps import AppConfig


class LanguagesConfig(AppConfig):
    name = "languages"
    verbose_name = "Languages"

    def ready(self):
        from languages import signals  # noqa: F401
