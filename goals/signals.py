from django.db.models.signals import post_save
from django.dispatch import receiver

from goals.models import EvaluationIndexPage
from goals.workflow import attach_workflow


@receiver(post_save, sender=EvaluationIndexPage)
def attach_workflow_to_new_index(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        attach_workflow(instance)
