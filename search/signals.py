"""Keep the scale-out engine in step with the page tree: publish, unpublish, move, delete.

Runs only with SEARCH_ENGINE_URL set (the database index follows Wagtail's own signal handlers). The work goes
through the task framework Wagtail 8 uses (django_tasks): with the database backend (production) it is queued in
the publishing transaction and done by ``manage.py db_worker``, so a slow engine never slows the editor; with the
default immediate backend it runs in-process, after commit. Every task here is idempotent (it makes the engine
match the database), so a failed or interrupted one is simply run again (docs/tasks.md).
"""

from django.conf import settings
from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from worker.queue import background_task, enqueue_after_commit


@background_task()
def update_engine_task(action, key, page_id):
    apply_page_change(action, key, page_id)


def apply_page_change(action, key, page_id):
    from search.engine import get_engine
    from search.models import PendingIndexChange

    engine = get_engine()
    page = Page.objects.filter(pk=page_id).first() if page_id else None
    if action == "index" and page is not None:
        engine.index(page.specific)
    elif hasattr(engine, "primary"):
        try:
            engine.primary.delete_by_key(key)
        except Exception:  # noqa: BLE001 - the engine is down: remember the change
            PendingIndexChange.remember_key("delete", key)


@background_task()
def update_listings_task(action, listing_ids):
    """Send directory documents to the engine (or remove them); remembered for replay when it is down."""
    from search.directory.documents import send_to_engine
    from search.engine import EngineUnavailable, get_engine
    from search.models import PendingIndexChange

    engine = get_engine()
    primary = getattr(engine, "primary", None)
    if primary is None:
        return
    try:
        send_to_engine(primary, listing_ids)
    except EngineUnavailable:
        for listing_id in listing_ids:
            PendingIndexChange.remember_key(action, f"{LISTING_KEY_PREFIX}{listing_id}")


LISTING_KEY_PREFIX = "directory:"


def enqueue_listings(action, listing_ids):
    """After commit, bring the engine's directory documents in step (no-op without an engine)."""
    if not getattr(settings, "SEARCH_ENGINE_URL", ""):
        return
    ids = sorted(set(listing_ids))
    enqueue_after_commit(update_listings_task, action, ids)


def _enqueue(action, page):
    if not getattr(settings, "SEARCH_ENGINE_URL", ""):
        return
    from search.documents import document_key

    key = document_key(page)
    enqueue_after_commit(update_engine_task, action, key, page.pk)


def index_now(pages):
    """Index pages published in bulk (no ``page_published`` signal: the CSV import) from a task already running."""
    if not getattr(settings, "SEARCH_ENGINE_URL", ""):
        return
    from search.documents import document_key

    for page in pages:
        apply_page_change("index", document_key(page), page.pk)


def _enqueue_translations(page):
    """A page's translations record which languages it is in (search.languages): index them again."""
    if not getattr(settings, "SEARCH_ENGINE_URL", "") or not getattr(page, "translation_key", None):
        return
    for other in Page.objects.live().filter(translation_key=page.translation_key).exclude(pk=page.pk):
        _enqueue("index", other)


def on_published(sender, instance, **kwargs):
    _enqueue("index", instance)
    _enqueue_translations(instance)


def on_unpublished(sender, instance, **kwargs):
    _enqueue("delete", instance)
    _enqueue_translations(instance)


def on_moved(sender, instance, **kwargs):
    _enqueue("index", instance)
    for child in instance.get_descendants().live():
        _enqueue("index", child)


def on_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        _enqueue("delete", instance)
        _enqueue_translations(instance)


def connect():
    from search.directory import indexing

    indexing.connect()
    page_published.connect(on_published, dispatch_uid="site_search_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="site_search_unpublished")
    post_page_move.connect(on_moved, dispatch_uid="site_search_moved")
    post_delete.connect(on_deleted, dispatch_uid="site_search_deleted")
