from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from home.demo import dev_url
from home.hubs import all_hubs
from home.permissions import CITY_STAFF, EDITORS, FLOOR_STAFF, MANAGERS, WARD_REVIEWERS, city_staff_group

DEV_PASSWORD = "kosodate-dev"
HUB_ROLES = [("editor", EDITORS), ("reviewer", WARD_REVIEWERS), ("manager", MANAGERS), ("floor", FLOOR_STAFF)]


def dev_users():
    """(username, group or None for the superuser, hub or None): one user per role of each hub (editor for the
    first hub, editor2 for the second, ...), a superuser and a City staff user."""
    users = [("admin", None, None)]
    for number, hub in enumerate(all_hubs(), start=1):
        suffix = "" if number == 1 else str(number)
        users += [(f"{name}{suffix}", hub.group(role), hub) for name, role in HUB_ROLES]
    users.append(("city", city_staff_group(), None))
    return users


class Command(BaseCommand):
    help = "Development only: create a local admin, one user per staff group of each hub and a city user."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("create_dev_users only runs with DEBUG on (development settings).")
        user_model = get_user_model()
        hub_shown = None
        for username, group, hub in dev_users():
            user, created = user_model.objects.get_or_create(
                username=username,
                defaults={"email": f"{username}@example.invalid", "is_staff": group is None},
            )
            if created:
                user.set_password(DEV_PASSWORD)
                user.is_superuser = group is None
                user.save()
            user.groups.set([group] if group is not None else [])  # exactly its one group
            if hub is not None and hub != hub_shown:
                hub_shown = hub
                self.stdout.write(f"{hub} — {dev_url(hub)} (admin: {dev_url(hub)}admin/)")
            elif hub is None:
                self.stdout.write("Every hub:" if group is None else f"{CITY_STAFF}:")
            state = "created" if created else "exists, password unchanged"
            label = group.name if group is not None else "superuser"
            self.stdout.write(f"  {username:<9} / {DEV_PASSWORD}  ({label}; {state})")
        self.stdout.write(f"'city' sees every hub's goals at {dev_url(all_hubs().first())}admin/city/goals/.")
        self.stdout.write("Development logins only; 'admin', the managers and 'city' first enrol two-factor.")
