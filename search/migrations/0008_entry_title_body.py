"""PostgreSQL: Wagtail's search index entries get a stored ``title_body`` column (``title || body``, kept by the
database on every insert and update) with a GIN index (0007's index on the expression stays, for Wagtail's own searches), and stay in the
table up to 8 KB (``toast_tuple_target``). The site search (``search.backends.page_matches``) matches on it: an
index hit is rechecked against the stored vector instead of concatenating the entry's two tsvectors per row (the
phrase queries always need the recheck). SQLite's FTS5 table needs nothing more.
"""

from django.db import migrations

ENTRY = "wagtailsearch_indexentry"
INDEX = "site_search_entry_title_body_gin"

FORWARD = [
    # 0007's index on (title || body) stays: Wagtail's own searches on PostgreSQL (the admin's page search and
    # chooser, the Wagtail API) match on that expression.
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
