"""End every session of a user whose account is deactivated."""

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone


def end_sessions(user):
    """Delete the user's sessions (database sessions; scanned, as Django keeps no user index)."""
    user_pk = str(user.pk)
    doomed = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get("_auth_user_id") == user_pk
    ]
    Session.objects.filter(pk__in=doomed).delete()
    return len(doomed)


@receiver(post_save, sender=get_user_model())
def end_sessions_of_deactivated_user(sender, instance, created, raw=False, **kwargs):
    if not created and not raw and not instance.is_active:
        end_sessions(instance)
