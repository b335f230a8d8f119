"""PostgreSQL: a GIN index on ``title || body`` of Wagtail's search index entries, the expression the site search
matches (``search.backends.page_matches``). Without it every search reads and concatenates every entry's two
tsvectors (a sequential scan); with it only the entries holding the query's tokens. SQLite's FTS5 table needs
nothing more.
"""

from django.db import migrations

ENTRY = "wagtailsearch_indexentry"
INDEX = "site_search_entry_text_gin"


def run(sql):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [
        ("site_search", "0006_listing_document_languages"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.RunPython(
            run(f"CREATE INDEX IF NOT EXISTS {INDEX} ON {ENTRY} USING gin ((title || body))"),
            run(f"DROP INDEX IF EXISTS {INDEX}"),
        )
    ]
