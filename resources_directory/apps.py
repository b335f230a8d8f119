from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesDirectoryConfig(AppConfig):
    name = "resources_directory"
    verbose_name = _("Resource directory")

    def ready(self):
        from .models import DirectoryPage
        from .views import serve_directory

        DirectoryPage.view = staticmethod(serve_directory)
