from django.core.management.base import BaseCommand, CommandError

from worker import queue


class Command(BaseCommand):
    help = (
        "Put back in the queue the tasks RUNNING longer than TASK_STALE_SECONDS (their worker died); a task that "
        "has used TASK_MAX_ATTEMPTS is marked failed instead. Run it every few minutes (cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--older-than", type=int, help="Seconds (default: TASK_STALE_SECONDS).")

    def handle(self, *args, older_than, **options):
        if older_than is not None and older_than < 0:
            raise CommandError("--older-than must be 0 or more seconds.")
        requeued, given_up = queue.requeue_stale(older_than)
        self.stdout.write(f"Stale tasks: {requeued} queued again, {given_up} failed.")
