from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask

WORKFLOW_NAME = "評価書承認"
REVIEW_TASK_NAME = "区の確認（相互振り返り）"
APPROVAL_TASK_NAME = "管理者の承認"


class EvaluationApprovalTask(AbstractGroupApprovalTask):
    """A group approval step that refuses approval while the evaluation document is incomplete.

    Approving an incomplete document leaves the task in progress and sends the reviewer back to the editor,
    where the missing parts are listed (goals.wagtail_hooks.warn_about_incomplete_evaluation).
    """

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            page = task_state.revision.as_object()
            problems = page.completeness_problems() if hasattr(page, "completeness_problems") else []
            if problems:
                return reverse("wagtailadmin_pages:edit", args=(page.pk,)) + "?incomplete=1"
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups approve; approval is refused while the evaluation is incomplete.")

    class Meta:
        verbose_name = _("evaluation approval task")
        verbose_name_plural = _("evaluation approval tasks")
