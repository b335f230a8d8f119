"""/admin/tasks/: the background task queue for the people who run the service (superusers, City staff).

Tasks are not per hub (an index update or an e-mail of any hub), so hub staff (Editors, Ward reviewers, Managers,
Floor staff) are refused. The page lists queued, running and failed tasks by name, times, attempts and the class
of the last error; never their arguments or tracebacks (kept to ids, but the page makes no such promise for the
future). A failed task can be retried (POST). With the immediate backend nothing is ever queued: the page says so.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_tasks import TaskResultStatus

from worker import queue

ROWS = 100
SECTIONS = (
    (TaskResultStatus.FAILED, "failed", gettext_lazy("Failed")),
    (TaskResultStatus.RUNNING, "running", gettext_lazy("Running")),
    (TaskResultStatus.READY, "queued", gettext_lazy("Queued (or waiting to be retried)")),
)


PERMISSION = "worker.view_task_queue"


def may_see_tasks(user):
    return user.is_active and user.has_perm(PERMISSION)


def guarded(view):
    def check(request, *args, **kwargs):
        if not may_see_tasks(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return never_cache(check)


def row(db_result):
    return {
        "id": db_result.pk,
        "name": db_result.task_path,
        "enqueued_at": db_result.enqueued_at,
        "started_at": db_result.started_at,
        "finished_at": db_result.finished_at,
        "run_after": None if db_result.run_after.year == 9999 else db_result.run_after,
        "attempts": queue.attempts(db_result),
        "error": queue.error_class(db_result),
    }


@guarded
def task_list(request):
    from django_tasks_db.models import DBTaskResult

    sections = []
    for status, key, label in SECTIONS:
        rows = DBTaskResult.objects.filter(status=status)
        order = "-finished_at" if status == TaskResultStatus.FAILED else "enqueued_at"
        fields = ("id", "task_path", "enqueued_at", "started_at", "finished_at", "run_after", "worker_ids")
        shown = [row(r) for r in rows.order_by(order).only(*fields, "exception_class_path", "traceback")[:ROWS]]
        sections.append({"key": key, "label": label, "count": rows.count(), "rows": shown})
    context = {
        "page_title": _("Background tasks"),
        "sections": sections,
        "database_queue": queue.uses_database_queue(),
        "max_attempts": queue.max_attempts(),
    }
    return TemplateResponse(request, "worker/admin/tasks.html", context)


@require_POST
@guarded
def retry(request, result_id):
    if queue.retry_failed(result_id):
        messages.success(request, _("The task is queued again."))
    else:
        messages.error(request, _("This task has not failed (or no longer exists): nothing was done."))
    return redirect("worker_tasks")
