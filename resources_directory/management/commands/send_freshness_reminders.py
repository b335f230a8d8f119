"""Daily (cron): e-mail the group of every listing not verified for DIRECTORY_STALE_MONTHS, once per period (one
task per listing: sent by the task worker with the database backend, at once with the immediate one)."""

from django.core.management.base import BaseCommand

from resources_directory.freshness import queue_reminders


class Command(BaseCommand):
    help = "E-mail the update contact of every stale listing (once per DIRECTORY_STALE_MONTHS) a link to confirm it."

    def handle(self, *args, **options):
        sent, failed, queued = queue_reminders()
        self.stdout.write(f"Freshness reminders: {sent} sent, {failed} failed, {queued} queued for the task worker.")
        if failed:
            self.stderr.write("Some reminders could not be sent (see the log); they are tried again on the next run.")
