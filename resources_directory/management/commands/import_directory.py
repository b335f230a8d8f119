from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from resources_directory.importer import import_csv_bytes
from resources_directory.models import DirectoryPage


class Command(BaseCommand):
    help = "Import directory listings from a CSV file with the export's columns. All rows or none."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Validate only; change nothing.")
        parser.add_argument("--directory", type=int, help="Page id of the directory page (default: the first).")

    def handle(self, *args, file, dry_run, directory, **options):
        page = DirectoryPage.objects.filter(pk=directory).first() if directory else DirectoryPage.objects.first()
        if page is None:
            raise CommandError("No directory page: create one (or run load_demo) first.")
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        report = import_csv_bytes(data, page, dry_run=dry_run)
        if report.errors:
            for line in report.lines():
                self.stderr.write(line)
            raise CommandError(f"{len(report.errors)} error(s); nothing was imported.")
        verb = "Would import" if dry_run else "Imported"
        self.stdout.write(self.style.SUCCESS(f"{verb}: {report.created} created, {report.updated} updated."))
