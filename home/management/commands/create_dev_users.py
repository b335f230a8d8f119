from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from home.permissions import EDITORS, MANAGERS, WARD_REVIEWERS

DEV_PASSWORD = "kosodate-dev"
DEV_USERS = [
    ("admin", None, True),
    ("editor", EDITORS, False),
    ("reviewer", WARD_REVIEWERS, False),
    ("manager", MANAGERS, False),
]


class Command(BaseCommand):
    help = "Development only: create a local admin and one user per staff group, and print their logins."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("create_dev_users only runs with DEBUG on (development settings).")
        user_model = get_user_model()
        for username, group_name, is_superuser in DEV_USERS:
            user, created = user_model.objects.get_or_create(
                username=username,
                defaults={"email": f"{username}@example.invalid", "is_staff": is_superuser},
            )
            if created:
                user.set_password(DEV_PASSWORD)
                user.is_superuser = is_superuser
                user.save()
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))
            state = "created" if created else "exists, password unchanged"
            self.stdout.write(f"  {username:<9} / {DEV_PASSWORD}  ({group_name or 'superuser'}; {state})")
        self.stdout.write("Log in at http://127.0.0.1:8000/admin/ (development only).")
