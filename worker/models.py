from django.db import models
from django.utils.translation import gettext_lazy as _


class TaskQueue(models.Model):
    """No table: it carries the permission to see and retry background tasks at /admin/tasks/ (City staff;
    superusers have every permission). A permission, not a group lookup: the admin menu asks on every page."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("view_task_queue", _("Can see and retry background tasks"))]

    def __str__(self):
        return str(self._meta.verbose_name)
