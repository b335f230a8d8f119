"""Each directory search document records its listing's language (locale), the languages it is translated into
and the languages its staff speak (search.languages, search.directory.staff). Existing documents keep "" as their
language (read as the default language) until they are written again (``rebuild_search_index``). On SQLite adding
the columns rebuilds the table, which drops the place index's triggers: they are made again here (as in 0005).
"""

import importlib

from django.db import migrations, models

sqlite_triggers = importlib.import_module("search.migrations.0005_listing_document_hub").sqlite_triggers


class Migration(migrations.Migration):
    dependencies = [
        ("site_search", "0005_listing_document_hub"),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, sqlite_triggers),
        migrations.AddField(
            model_name="listingdocument",
            name="locale",
            field=models.CharField(blank=True, default="", max_length=20, verbose_name="language"),
        ),
        migrations.AddField(
            model_name="listingdocument",
            name="staff_languages",
            field=models.CharField(blank=True, default=" ", max_length=100, verbose_name="staff languages"),
        ),
        migrations.AddField(
            model_name="listingdocument",
            name="translated",
            field=models.CharField(blank=True, default=" ", max_length=200, verbose_name="translated into"),
        ),
        migrations.RunPython(sqlite_triggers, migrations.RunPython.noop),
    ]
