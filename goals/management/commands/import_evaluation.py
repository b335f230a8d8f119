import pprint
from dataclasses import asdict

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from goals.importer.builder import build
from goals.importer.parser import ImportError_, parse
from goals.models import EvaluationIndexPage


def read_text(data):
    """Decode an uploaded/read file: UTF-8 (with or without BOM), else Shift_JIS (cp932)."""
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportError_(_("the file is neither UTF-8 nor Shift_JIS text"))


def read_document(data):
    """ParsedEvaluation of a file's bytes: an Excel workbook (.xlsx) or the published text."""
    from goals.importer.workbook import is_workbook, read_workbook

    return read_workbook(data) if is_workbook(data) else parse(read_text(data))


class Command(BaseCommand):
    help = "Import a published evaluation (重点目標評価結果・次年度重点目標: text or .xlsx) as a draft page."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--index", type=int, help="ID of the evaluations index page (default: the only one)")
        parser.add_argument("--dry-run", action="store_true", help="Parse and print the structure; save nothing")

    def handle(self, *args, **options):
        try:
            with open(options["file"], "rb") as handle:
                parsed = read_document(handle.read())
        except OSError as error:
            raise CommandError(str(error)) from error
        except ImportError_ as error:
            raise CommandError(str(error)) from error
        if options["dry_run"]:
            self.stdout.write(pprint.pformat(asdict(parsed), width=120, sort_dicts=False))
            for number, text in parsed.skipped:
                self.stdout.write(f"skipped line {number}: {text}")
            if parsed.missing:
                self.stdout.write("missing: " + "、".join(parsed.missing))
            return
        indexes = EvaluationIndexPage.objects.all()
        if options["index"]:
            indexes = indexes.filter(pk=options["index"])
        if indexes.count() != 1:
            raise CommandError(f"Give the evaluations index page with --index PAGE_ID (found {indexes.count()}).")
        try:
            with transaction.atomic():
                page = build(parsed, indexes.get())
        except ImportError_ as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Imported draft page {page.pk}: {page.title}"))
        if parsed.missing:
            self.stdout.write(self.style.WARNING("Missing (complete in the editor): " + "、".join(parsed.missing)))
