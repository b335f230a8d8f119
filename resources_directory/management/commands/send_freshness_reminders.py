"""Daily (cron): e-mail the group of every listing not verified for DIRECTORY_STALE_MONTHS, once per period."""

from django.core.management.base import BaseCommand

from resources_directory.freshness import send_reminders


class Command(BaseCommand):
    help = "E-mail the update contact of every stale listing (once per DIRECTORY_STALE_MONTHS) a link to confirm it."

    def handle(self, *args, **options):
        sent, failed = send_reminders()
        self.stdout.write(f"Freshness reminders: {sent} sent, {failed} failed.")
        if failed:
            self.stderr.write("Some reminders could not be sent (see the log); they are tried again on the next run.")
