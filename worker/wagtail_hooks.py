from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from worker import admin_views


@hooks.register("register_admin_urls")
def register_task_urls():
    return [
        path("tasks/", admin_views.task_list, name="worker_tasks"),
        path("tasks/<uuid:result_id>/retry/", admin_views.retry, name="worker_task_retry"),
    ]


class TasksMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_see_tasks(request.user)


@hooks.register("register_reports_menu_item")
def register_tasks_menu_item():
    return TasksMenuItem(_("Background tasks"), reverse("worker_tasks"), name="tasks", icon_name="cogs", order=1200)
