from django.core.management.base import BaseCommand, CommandError

from security.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Back up the database and media files into one .tar.gz (default: BACKUP_DIR/kosodate-<time>.tar.gz)."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="Archive path to write.")

    def handle(self, *args, output=None, **options):
        try:
            path, manifest = create_backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"{path}: {rows} rows in {len(manifest['counts'])} tables, {len(manifest['media'])} media files"
        )
