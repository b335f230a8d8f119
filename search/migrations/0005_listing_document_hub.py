"""Each directory search document records its hub (the key of the HubSettings whose site holds the listing).

The existing documents get their hub from the page tree (the deepest hub home page above the listing), one
UPDATE per hub. On SQLite adding the column rebuilds the table, which drops the place index's triggers of
migration 0004: they are made again here.
"""

from django.conf import settings
from django.db import migrations, models

DOCUMENT = "site_search_listingdocument"
PLACES = "site_search_listingplaces"
SQLITE_TRIGGERS = [
    f"DROP TRIGGER IF EXISTS {PLACES}_ai",
    f"DROP TRIGGER IF EXISTS {PLACES}_ad",
    f"DROP TRIGGER IF EXISTS {PLACES}_au",
    f"CREATE TRIGGER {PLACES}_ai AFTER INSERT ON {DOCUMENT} WHEN new.latitude IS NOT NULL BEGIN INSERT INTO "
    f"{PLACES} VALUES (new.listing_id, new.latitude, new.latitude, new.longitude, new.longitude); END",
    f"CREATE TRIGGER {PLACES}_ad AFTER DELETE ON {DOCUMENT} BEGIN DELETE FROM {PLACES} WHERE id = old.listing_id; END",
    f"CREATE TRIGGER {PLACES}_au AFTER UPDATE ON {DOCUMENT} BEGIN DELETE FROM {PLACES} WHERE id = old.listing_id; "
    f"INSERT INTO {PLACES} SELECT new.listing_id, new.latitude, new.latitude, new.longitude, new.longitude "
    "WHERE new.latitude IS NOT NULL; END",
]


def sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE_TRIGGERS:
            schema_editor.execute(sql)


def fill_hubs(apps, schema_editor):
    HubSettings = apps.get_model("home", "HubSettings")
    ListingDocument = apps.get_model("site_search", "ListingDocument")
    Page = apps.get_model("wagtailcore", "Page")
    hubs = HubSettings.objects.exclude(slug=None).select_related("site__root_page")
    # Shallow hubs first, so a hub nested in another one's tree wins for its own listings.
    for hub in sorted(hubs, key=lambda h: len(h.site.root_page.path)):
        below = Page.objects.filter(path__startswith=hub.site.root_page.path).values("pk")
        ListingDocument.objects.filter(listing_id__in=below).update(hub=hub.slug)


class Migration(migrations.Migration):
    dependencies = [
        ("site_search", "0004_directory_search_indexes"),
        ("home", "0005_adopt_single_hub"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        # Backwards, the field's removal rebuilds the table again: the triggers are made once more after it.
        migrations.RunPython(migrations.RunPython.noop, sqlite_triggers),
        migrations.AddField(
            model_name="listingdocument",
            name="hub",
            field=models.CharField(blank=True, default="", max_length=50, verbose_name="hub key"),
        ),
        migrations.AddIndex(
            model_name="listingdocument",
            index=models.Index(fields=["hub", "reading", "listing"], name="listingdoc_hub_idx"),
        ),
        migrations.RunPython(sqlite_triggers, migrations.RunPython.noop),
        migrations.RunPython(fill_hubs, migrations.RunPython.noop),
    ]
