"""A hub's trees in other languages get the rights and workflows of its Japanese tree.

Page rights are granted on a hub's home page and section pages (home/permissions.py); a translation of those pages
(or the alias wagtail-localize makes of a parent not yet translated) sits in another tree, under the tree root, where
no right reaches. So when Wagtail copies a page for translation, the groups' rights and the approval workflow of the
original are given to the copy too: the hub's staff translate and publish in their own hub's trees, and nobody else.
"""

from django.dispatch import receiver
from wagtail.models import GroupPagePermission, Page, WorkflowPage
from wagtail.signals import copy_for_translation_done


@receiver(copy_for_translation_done)
def mirror_rights_and_workflow(sender, source_obj, target_obj, **kwargs):
    if not isinstance(source_obj, Page):
        return
    for row in GroupPagePermission.objects.filter(page=source_obj):
        GroupPagePermission.objects.get_or_create(
            group_id=row.group_id, page=target_obj, permission_id=row.permission_id
        )
    workflow = WorkflowPage.objects.filter(page=source_obj).first()
    if workflow is not None:
        WorkflowPage.objects.get_or_create(page=target_obj, defaults={"workflow_id": workflow.workflow_id})
