from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from home.hubs import all_hubs
from home.permissions import CITY_STAFF, EDITORS, MANAGERS, WARD_REVIEWERS, city_staff_group

DEV_PASSWORD = "kosodate-dev"
HUB_ROLES = [("editor", EDITORS), ("reviewer", WARD_REVIEWERS), ("manager", MANAGERS)]


def dev_users():
    """(username, group or None for the superuser): one user per role of each hub (editor, editor2, ...)."""
    users = [("admin", None)]
    for number, hub in enumerate(all_hubs(), start=1):
        suffix = "" if number == 1 else str(number)
        users += [(f"{name}{suffix}", hub.group(role)) for name, role in HUB_ROLES]
    users.append(("city", city_staff_group()))
    return users


class Command(BaseCommand):
    help = "Development only: create a local admin, one user per staff group of each hub and a city user."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("create_dev_users only runs with DEBUG on (development settings).")
        user_model = get_user_model()
        for username, group in dev_users():
            user, created = user_model.objects.get_or_create(
                username=username,
                defaults={"email": f"{username}@example.invalid", "is_staff": group is None},
            )
            if created:
                user.set_password(DEV_PASSWORD)
                user.is_superuser = group is None
                user.save()
            if group is not None:
                user.groups.add(group)
            state = "created" if created else "exists, password unchanged"
            label = group.name if group is not None else "superuser"
            self.stdout.write(f"  {username:<9} / {DEV_PASSWORD}  ({label}; {state})")
        self.stdout.write(f"{CITY_STAFF}: see every hub's goals at /admin/city/goals/ (as 'city').")
        self.stdout.write("Log in at http://127.0.0.1:8000/admin/ (development only).")
