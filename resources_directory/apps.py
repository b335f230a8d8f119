from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesDirectoryConfig(AppConfig):
    name = "resources_directory"
    verbose_name = _("Resource directory")
