from django.core.management.base import BaseCommand
from tqdm import tqdm

from search.backends.database import DatabaseEngine
from search.directory.documents import engine_documents
from search.documents import page_types
from search.engine import get_engine


class Command(BaseCommand):
    help = (
        "Rebuild the search index: the database index always; with SEARCH_ENGINE_URL also the engine's pages and "
        "listings indexes, each built as a new index and swapped in through its alias (no downtime)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="Do not show a progress bar.")

    def handle(self, *args, no_progress=False, **options):
        DatabaseEngine().rebuild()
        self.stdout.write("database: rebuilt (pages and directory documents)")
        engine = get_engine()
        primary = getattr(engine, "primary", None)
        if primary is None:
            return
        total = sum(m.objects.live().public().exact_type(m).count() for m in page_types().values())
        with tqdm(total=total, desc="pages", disable=no_progress, file=self.stderr) as bar:
            engine.rebuild(progress=bar.update)
        from search.models import ListingDocument

        listings = ListingDocument.objects.count()
        with tqdm(total=listings, desc="listings", disable=no_progress, file=self.stderr) as bar:
            primary.rebuild_listings(engine_documents(), progress=bar.update)
        self.stdout.write(f"{primary.name}: rebuilt {total} pages, {listings} listings")
