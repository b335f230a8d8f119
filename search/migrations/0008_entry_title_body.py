"""PostgreSQL: Wagtail's search index entries get a stored ``title_body`` column (``title || body``, kept by the
database on every insert and update) with a GIN index, replacing 0007's index on the expression, and stay in the
table up to 8 KB (``toast_tuple_target``). The site search (``search.backends.page_matches``) matches on it: an
index hit is rechecked against the stored vector instead of concatenating the entry's two tsvectors per row (the
phrase queries always need the recheck). SQLite's FTS5 table needs nothing more.
"""

from django.db import migrations

ENTRY = "wagtailsearch_indexentry"
OLD_INDEX = "site_search_entry_text_gin"
INDEX = "site_search_entry_title_body_gin"

FORWARD = [
    f"DROP INDEX IF EXISTS {OLD_INDEX}",
    # Rows up to 8 KB stay in the table (not only up to 2 KB): the site search reads each match's vectors three
    # times (the recheck, ts_rank on title and body), and an out-of-line value is fetched from the TOAST table
    # each time. Set before the column is added, whose table rewrite stores the existing rows that way.
    f"ALTER TABLE {ENTRY} SET (toast_tuple_target = 8160)",
    f"ALTER TABLE {ENTRY} ADD COLUMN IF NOT EXISTS title_body tsvector GENERATED ALWAYS AS (title || body) STORED",
    f"CREATE INDEX IF NOT EXISTS {INDEX} ON {ENTRY} USING gin (title_body)",
]
BACKWARD = [
    f"DROP INDEX IF EXISTS {INDEX}",
    f"ALTER TABLE {ENTRY} DROP COLUMN IF EXISTS title_body",
    f"ALTER TABLE {ENTRY} RESET (toast_tuple_target)",
    f"CREATE INDEX IF NOT EXISTS {OLD_INDEX} ON {ENTRY} USING gin ((title || body))",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("site_search", "0007_page_text_index")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
