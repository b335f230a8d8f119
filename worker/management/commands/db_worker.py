"""django_tasks_db's worker, which first puts back the tasks an earlier run of it left RUNNING (see
worker.queue). Give every worker process a stable, unique ``--worker-id`` (the systemd unit in docs/tasks.md does)
so a restart finds its own interrupted tasks at once; ``requeue_stale_tasks`` catches the rest by age."""

from django_tasks_db.management.commands import db_worker

from worker import queue


class Command(db_worker.Command):
    help = db_worker.Command.help + " (re-queues the tasks this worker id left running)."

    def handle(self, *args, worker_id, **options):
        requeued, given_up = queue.requeue_orphans(worker_id)
        stale_requeued, stale_given_up = queue.requeue_stale()
        if requeued + given_up + stale_requeued + stale_given_up:
            self.stdout.write(
                f"Interrupted tasks: {requeued + stale_requeued} queued again, {given_up + stale_given_up} failed."
            )
        return super().handle(*args, worker_id=worker_id, **options)
