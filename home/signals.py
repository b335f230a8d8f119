from django.db.models.signals import post_save
from django.dispatch import receiver

from home.models.sections import SectionPage
from home.permissions import grant_section_permissions


@receiver(post_save)
def grant_permissions_on_new_section(sender, instance, created, raw=False, **kwargs):
    if created and not raw and isinstance(instance, SectionPage):
        grant_section_permissions(instance)
