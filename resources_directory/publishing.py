"""Write and publish many validated listings at once (the CSV import), doing in bulk what Wagtail does per page.

Per page, ``add_child`` + ``save_revision().publish()`` costs dozens of queries and a search index update for
every save. Here every step is one statement per batch, in this order (the caller holds the transaction):

1. new pages get their tree position (treebeard ``path``/``depth``, the directory's ``numchild``), ``url_path``,
   locale and a fresh ``translation_key``; updated pages keep theirs. Both get what ``publish`` sets: ``live``,
   ``has_unpublished_changes=False``, ``first_published_at`` (when unset), ``last_published_at``,
   ``latest_revision_created_at``, ``draft_title``.
2. opening hours, closures and categories are replaced (new ``sort_order`` = the order in the file);
3. one ``Revision`` per page (``content`` = ``page.serializable_data()``, as ``save_revision`` stores it), then
   ``latest_revision``/``live_revision`` point to it, and a ``wagtail.publish`` log entry (``wagtail.rename``
   too when the title changed) so the page history in the admin reads as after a publish;
4. aliases of updated pages follow them, open moderation workflows on them are cancelled (as on publish);
5. once, at the end: Wagtail's reference index, the directory's search documents
   (``search.directory.documents.refresh``, which queue the engine's directory update) and one bump of the public
   page cache version; Wagtail's search index (``add_bulk``: the admin's and the site search) and the engine's site
   search are brought in step by one background task, ``reindex_listings`` (queued with the import's transaction;
   the task worker runs it, or the web process after commit with the immediate backend — docs/tasks.md).

No ``post_save``/``page_published`` signal is sent for these pages: everything their receivers do is done here.
"""

import uuid
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision, WorkflowState
from wagtail.search.backends import get_search_backends

from cms.page_cache import bump_version
from resources_directory.models import Closure, ListingPage, OpeningHours
from worker.queue import background_task, enqueue_after_commit

BATCH = 500
# What Wagtail's publish sets on a page (besides the revision pointers, written once the revisions exist).
PUBLISH_FIELDS = [
    "title",
    "draft_title",
    "live",
    "expired",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "latest_revision_created_at",
]
LISTING_FIELDS = [f.name for f in ListingPage._meta.local_concrete_fields if not f.primary_key]
OWN_CHILD_RELATIONS = ("opening_hours", "closures")


@dataclass
class ImportedListing:
    """A validated page (not yet written) and the relations read from its row."""

    page: ListingPage
    hours: list = field(default_factory=list)
    closures: list = field(default_factory=list)
    categories: list = field(default_factory=list)
    old_title: str = ""


def batches(items, size=BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def publish_listings(directory, listings):
    """Write ``listings`` below ``directory`` and publish them. Call inside ``transaction.atomic()``."""
    if not listings:
        return
    now = timezone.now()
    new = [listing.page for listing in listings if listing.page.pk is None]
    updated = [listing.page for listing in listings if listing.page.pk is not None]
    for listing in listings:
        page = listing.page
        page.draft_title = page.title
        page.live, page.expired, page.has_unpublished_changes = True, False, False
        page.first_published_at = page.first_published_at or now
        page.last_published_at = page.latest_revision_created_at = now
    insert_pages(directory, new)
    for chunk in batches(updated):
        ListingPage.objects.bulk_update(chunk, PUBLISH_FIELDS + LISTING_FIELDS)
    replace_relations(listings, [page.pk for page in updated])
    revisions = create_revisions(listings, now)
    for chunk in batches([listing.page for listing in listings]):
        ListingPage.objects.bulk_update(chunk, ["latest_revision", "live_revision"])
    log_publish(listings, revisions, now)
    follow_on_publish(updated)
    pages = [listing.page for listing in listings]
    update_indexes(pages)


def insert_pages(directory, pages):
    """Give new pages their place in the tree (after the directory's last child) and insert them."""
    if not pages:
        return
    directory = Page.objects.select_for_update().get(pk=directory.pk)  # numchild and the last path, locked
    last_child = directory.get_last_child()
    last_step = int(last_child.path[-Page.steplen :], 36) if last_child else 0
    content_type = ContentType.objects.get_for_model(ListingPage)
    for step, page in enumerate(pages, start=last_step + 1):
        page.path = Page._get_path(directory.path, directory.depth + 1, step)
        page.depth, page.numchild = directory.depth + 1, 0
        page.set_url_path(directory)
        page.content_type = content_type
        page.locale_id = page.locale_id or directory.locale_id
        page.translation_key = page.translation_key or uuid.uuid4()
    base_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    for chunk in batches(pages):
        rows = [Page(**{f.attname: getattr(page, f.attname) for f in base_fields}) for page in chunk]
        Page.objects.bulk_create(rows)
        if any(row.pk is None for row in rows):  # a database that does not return the new ids
            ids = dict(Page.objects.filter(path__in=[row.path for row in rows]).values_list("path", "pk"))
            for row in rows:
                row.pk = ids[row.path]
        for page, row in zip(chunk, rows, strict=True):
            page.id = page.page_ptr_id = row.pk
            page._state.adding, page._state.db = False, row._state.db
        ListingPage.objects._insert(chunk, fields=ListingPage._meta.local_concrete_fields, raw=True)
    Page.objects.filter(pk=directory.pk).update(numchild=F("numchild") + len(pages))


def replace_relations(listings, updated_ids):
    """Opening hours, closures and categories as in the file (the old ones of updated pages are deleted)."""
    through = ListingPage.categories.through
    for chunk in batches(updated_ids):
        OpeningHours.objects.filter(page_id__in=chunk).delete()
        Closure.objects.filter(page_id__in=chunk).delete()
        through.objects.filter(listingpage_id__in=chunk).delete()
    hours, closures, links = [], [], []
    for listing in listings:
        page = listing.page
        for rows, target in ((listing.hours, hours), (listing.closures, closures)):
            for order, row in enumerate(rows):
                row.pk, row.page_id, row.sort_order = None, page.pk, order
                target.append(row)
        links += [through(listingpage_id=page.pk, category_id=category.pk) for category in listing.categories]
        # The in-memory relations now hold exactly the rows written (revision content and indexes read them).
        page.opening_hours, page.closures, page.categories = listing.hours, listing.closures, listing.categories
    OpeningHours.objects.bulk_create(hours, batch_size=BATCH)
    Closure.objects.bulk_create(closures, batch_size=BATCH)
    through.objects.bulk_create(links, batch_size=BATCH)
    load_other_child_relations([listing.page for listing in listings], updated_ids)


def load_other_child_relations(pages, updated_ids):
    """Child relations the row does not set (Wagtail's comments...), read in one query each, so that
    ``serializable_data`` keeps them in the revision without a query per page."""
    updated_ids = set(updated_ids)
    for relation in ListingPage._meta.related_objects:
        name = relation.get_accessor_name()
        if name in OWN_CHILD_RELATIONS or relation.remote_field.__class__.__name__ != "ParentalKey":
            continue
        by_page = {}
        for chunk in batches(sorted(updated_ids)):
            for row in relation.related_model.objects.filter(**{f"{relation.field.attname}__in": chunk}):
                by_page.setdefault(getattr(row, relation.field.attname), []).append(row)
        for page in pages:
            setattr(page, name, by_page.get(page.pk, []))


def create_revisions(listings, now):
    """One revision per page, as ``save_revision`` makes it (no user: the import runs outside the admin)."""
    listing_type = ContentType.objects.get_for_model(ListingPage)
    page_type = ContentType.objects.get_for_model(Page)
    revisions = [
        Revision(
            content_type=listing_type,
            base_content_type=page_type,
            object_id=str(listing.page.pk),
            created_at=now,
            user=None,
            approved_go_live_at=None,
            content=listing.page.serializable_data(),
            object_str=str(listing.page),
        )
        for listing in listings
    ]
    Revision.objects.bulk_create(revisions, batch_size=BATCH)
    if any(revision.pk is None for revision in revisions):
        ids = dict(Revision.objects.filter(base_content_type=page_type, created_at=now).values_list("object_id", "pk"))
        for revision in revisions:
            revision.pk = ids[revision.object_id]
    for listing, revision in zip(listings, revisions, strict=True):
        listing.page.latest_revision = listing.page.live_revision = revision
    return revisions


def log_publish(listings, revisions, now):
    """The ``wagtail.publish`` entry (and ``wagtail.rename`` when the title changed) of each page's history."""
    content_type = ContentType.objects.get_for_model(ListingPage)
    action_id = uuid.uuid4()  # one import, one action: its entries share a uuid (as Wagtail groups them)
    entries = []
    for listing, revision in zip(listings, revisions, strict=True):
        page = listing.page
        common = {"content_type": content_type, "page_id": page.pk, "revision_id": revision.pk, "timestamp": now}
        common["uuid"] = action_id
        renamed = listing.old_title and listing.old_title != page.title
        data = {"title": {"old": listing.old_title, "new": page.title}} if renamed else {}
        if renamed:
            entries.append(PageLogEntry(action="wagtail.rename", label=page.title, data=data, **common))
        entries.append(
            PageLogEntry(action="wagtail.publish", label=page.title, data=data, content_changed=True, **common)
        )
    PageLogEntry.objects.bulk_create(entries, batch_size=BATCH)


def follow_on_publish(updated):
    """What publish does besides saving: aliases copy their original, open workflows are cancelled."""
    ids = [page.pk for page in updated]
    if not ids:
        return
    by_id = {page.pk: page for page in updated}
    for original_id in set(Page.objects.filter(alias_of_id__in=ids).values_list("alias_of_id", flat=True)):
        page = by_id[original_id]
        page.update_aliases(revision=page.latest_revision, _content=page.latest_revision.content)
    page_type = ContentType.objects.get_for_model(Page)
    states = WorkflowState.objects.active().filter(base_content_type=page_type, object_id__in=[str(i) for i in ids])
    for state in states:
        state.cancel()


def update_indexes(pages):
    """Once for all pages: reference index, directory documents, page cache; the search indexes in a task."""
    from search.directory import documents

    update_reference_index(pages)
    documents.refresh([page.pk for page in pages])
    enqueue_after_commit(reindex_listings, [page.pk for page in pages])
    bump_version()


@background_task()
def reindex_listings(page_ids):
    """After an import: Wagtail's search index (the admin's and the site search) and the engine's site search.
    Idempotent (it rewrites what the pages are), so retried freely."""
    from search import signals

    pages = list(ListingPage.objects.filter(pk__in=page_ids).order_by("pk"))
    for backend in get_search_backends(with_auto_update=True):
        for chunk in batches(pages):
            backend.add_bulk(ListingPage, chunk)
    signals.index_now(pages)


def update_reference_index(pages):
    """What ``ReferenceIndex.create_or_update_for_object`` writes, for all pages in a few statements."""
    if not ReferenceIndex.model_is_indexable(ListingPage):
        return
    listing_type = ContentType.objects.get_for_model(ListingPage)
    page_type = ContentType.objects.get_for_model(Page)
    for chunk in batches(pages):
        ReferenceIndex.objects.filter(base_content_type=page_type, object_id__in=[str(p.pk) for p in chunk]).delete()
        rows = [
            ReferenceIndex(
                content_type=listing_type,
                base_content_type=page_type,
                object_id=str(page.pk),
                to_content_type_id=to_content_type_id,
                to_object_id=to_object_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
            for page in chunk
            for to_content_type_id, to_object_id, model_path, content_path in set(
                ReferenceIndex._extract_references_from_object(page)
            )
        ]
        ReferenceIndex.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)
