from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from search.backends.database import DatabaseEngine
from search.directory.documents import engine_documents
from search.documents import page_types
from search.engine import get_engine


class Command(BaseCommand):
    help = (
        "Rebuild the search index: the database index always; with SEARCH_ENGINE_URL also the engine's pages and "
        "listings indexes, each built as a new index and swapped in through its alias (no downtime). --verify "
        "rebuilds nothing: it compares the engine's documents with the database and exits 1 on any difference."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="Do not show a progress bar.")
        parser.add_argument(
            "--verify",
            action="store_true",
            help="Compare the engine's pages and directory documents with the database (ids and content); "
            "print the differences, exit 1 when there are any.",
        )

    def verify(self, primary):
        from search.models import PendingIndexChange
        from search.verify import verify

        total = 0
        for diff in verify(primary):
            total += diff.count
            self.stdout.write(
                f"{diff.index}: {diff.in_database} in the database, {diff.in_engine} in the engine: "
                f"{len(diff.missing)} missing, {len(diff.extra)} extra, {len(diff.stale)} stale"
            )
            for label, ids in (("missing", diff.missing), ("extra", diff.extra), ("stale", diff.stale)):
                if ids:
                    more = f" … (+{len(ids) - 20})" if len(ids) > 20 else ""
                    self.stdout.write(f"  {label}: {', '.join(ids[:20])}{more}")
        pending = PendingIndexChange.objects.count()
        self.stdout.write(f"pending index changes (queued while the engine was down): {pending}")
        if total:
            raise CommandError(f"{total} differences between the database and the engine")
        self.stdout.write("no differences")

    def handle(self, *args, no_progress=False, verify=False, **options):
        if verify:
            primary = getattr(get_engine(), "primary", None)
            if primary is None:
                raise CommandError("--verify compares the engine with the database: set SEARCH_ENGINE_URL")
            return self.verify(primary)
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
