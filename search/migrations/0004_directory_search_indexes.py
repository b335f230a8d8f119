"""Two indexes for the directory search, so neither words nor distance read every listing.

* Words: SQLite gets an FTS5 table with the text table as its external content, kept in step by triggers;
  PostgreSQL a GIN index on the ``simple`` tsvector of the three token streams. Both only narrow the candidates;
  the exact match (``LIKE '% t1 t2 %'``, the engine's phrase) and the score are computed on those candidates.
* Places: SQLite gets an R*Tree of the documents' points, kept in step by triggers; PostgreSQL a GiST index on
  ``point(longitude, latitude)``. A distance search asks them for the bounding box of a circle.

On SQLite a later migration that rebuilds either table (an AlterField, say) drops its triggers: such a migration
must create them again (``SQLITE`` below); tests/search/test_directory_search.py checks that they exist.
"""

from django.db import migrations

TEXT = "site_search_listingdocumenttext"
WORDS = "site_search_listingwords"
DOCUMENT = "site_search_listingdocument"
PLACES = "site_search_listingplaces"

SQLITE = [
    f"CREATE VIRTUAL TABLE {WORDS} USING fts5(name_tokens, label_tokens, body_tokens, content='{TEXT}', "
    "content_rowid='document_id', tokenize='unicode61 remove_diacritics 0')",
    f"CREATE TRIGGER {WORDS}_ai AFTER INSERT ON {TEXT} BEGIN INSERT INTO {WORDS}(rowid, name_tokens, label_tokens, "
    "body_tokens) VALUES (new.document_id, new.name_tokens, new.label_tokens, new.body_tokens); END",
    f"CREATE TRIGGER {WORDS}_ad AFTER DELETE ON {TEXT} BEGIN INSERT INTO {WORDS}({WORDS}, rowid, name_tokens, "
    "label_tokens, body_tokens) VALUES ('delete', old.document_id, old.name_tokens, old.label_tokens, "
    "old.body_tokens); END",
    f"CREATE TRIGGER {WORDS}_au AFTER UPDATE ON {TEXT} BEGIN INSERT INTO {WORDS}({WORDS}, rowid, name_tokens, "
    "label_tokens, body_tokens) VALUES ('delete', old.document_id, old.name_tokens, old.label_tokens, "
    f"old.body_tokens); INSERT INTO {WORDS}(rowid, name_tokens, label_tokens, body_tokens) VALUES "
    "(new.document_id, new.name_tokens, new.label_tokens, new.body_tokens); END",
    f"INSERT INTO {WORDS}({WORDS}) VALUES ('rebuild')",
    f"CREATE VIRTUAL TABLE {PLACES} USING rtree(id, min_lat, max_lat, min_lng, max_lng)",
    f"CREATE TRIGGER {PLACES}_ai AFTER INSERT ON {DOCUMENT} WHEN new.latitude IS NOT NULL BEGIN INSERT INTO "
    f"{PLACES} VALUES (new.listing_id, new.latitude, new.latitude, new.longitude, new.longitude); END",
    f"CREATE TRIGGER {PLACES}_ad AFTER DELETE ON {DOCUMENT} BEGIN DELETE FROM {PLACES} WHERE id = old.listing_id; END",
    f"CREATE TRIGGER {PLACES}_au AFTER UPDATE ON {DOCUMENT} BEGIN DELETE FROM {PLACES} WHERE id = old.listing_id; "
    f"INSERT INTO {PLACES} SELECT new.listing_id, new.latitude, new.latitude, new.longitude, new.longitude "
    "WHERE new.latitude IS NOT NULL; END",
    f"INSERT INTO {PLACES} SELECT listing_id, latitude, latitude, longitude, longitude FROM {DOCUMENT} "
    "WHERE latitude IS NOT NULL",
]
SQLITE_DROP = [f"DROP TRIGGER IF EXISTS {table}_{suffix}" for table in (WORDS, PLACES) for suffix in ("ai", "ad", "au")]
SQLITE_DROP += [f"DROP TABLE IF EXISTS {WORDS}", f"DROP TABLE IF EXISTS {PLACES}"]
POSTGRESQL = [
    f"CREATE INDEX {WORDS}_gin ON {TEXT} USING gin "
    "(to_tsvector('simple', name_tokens || ' ' || label_tokens || ' ' || body_tokens))",
    f"CREATE INDEX {PLACES}_gist ON {DOCUMENT} USING gist (point(longitude, latitude))",
    # The reading order is code-point order (COLLATE "C"), whatever the database's own collation.
    f'CREATE INDEX {DOCUMENT}_reading_c ON {DOCUMENT} (reading COLLATE "C", listing_id)',
]
POSTGRESQL_DROP = [
    f"DROP INDEX IF EXISTS {WORDS}_gin",
    f"DROP INDEX IF EXISTS {PLACES}_gist",
    f"DROP INDEX IF EXISTS {DOCUMENT}_reading_c",
]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("site_search", "0003_synonym_permissions")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            run({"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP}),
        )
    ]
