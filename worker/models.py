from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult


class TaskQueue(DBTaskResult):
    """django_tasks_db's table seen as the queue: carries the permission to see and retry background tasks at
    /admin/tasks/ (City staff; superusers have every permission). A proxy: no table of its own, nothing more to
    dump or serialise. A permission, not a group lookup: the admin menu asks on every page."""

    class Meta:
        proxy = True
        default_permissions = ()
        permissions = [("view_task_queue", _("Can see and retry background tasks"))]
