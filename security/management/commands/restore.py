from django.core.management.base import BaseCommand, CommandError

from cms import page_cache
from security.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore the database and media files from a backup archive, then verify row counts and media hashes."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--force", action="store_true", help="Replace the content of a non-empty database.")

    def handle(self, *args, archive, force=False, **options):
        try:
            manifest = restore_backup(archive, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        page_cache.clear()  # pages stored before the restore show content the database no longer has
        rows = sum(manifest["counts"].values())
        self.stdout.write(f"Restored and verified {rows} rows and {len(manifest['media'])} media files from {archive}")
