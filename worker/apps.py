from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkerConfig(AppConfig):
    name = "worker"
    verbose_name = _("Background tasks")

    def ready(self):
        from django_tasks.signals import task_finished

        from worker import queue

        task_finished.connect(queue.retry_if_allowed, dispatch_uid="worker-retry")
