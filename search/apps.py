from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "site_search"
    verbose_name = _("Site search")

    def ready(self):
        from django.db.models.signals import post_migrate

        from search import signals

        signals.connect()
        post_migrate.connect(fill_directory_documents, sender=self)


def fill_directory_documents(**kwargs):
    """After migrating an existing site: write the directory's search documents once, if there are none yet."""
    from django.db import connection

    from resources_directory.models import ListingPage
    from search.directory import documents
    from search.models import ListingDocument, ListingDocumentText

    tables = set(connection.introspection.table_names())
    needed = {ListingDocument._meta.db_table, ListingDocumentText._meta.db_table, ListingPage._meta.db_table}
    if not needed <= tables:  # migrating backwards
        return
    if not ListingDocument.objects.exists() and ListingPage.objects.live().exists():
        documents.rebuild()
