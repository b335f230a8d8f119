import pytest
from django.contrib.auth import get_user_model

from home.demo import build_site
from home.hubs import all_hubs, hub_for_page
from home.permissions import EDITORS, MANAGERS, WARD_REVIEWERS, city_staff_group

ROLES = ("anonymous", "editor", "reviewer", "manager")
ROLE_GROUPS = {"editor": EDITORS, "reviewer": WARD_REVIEWERS, "manager": MANAGERS}


@pytest.fixture
def home(db):
    """The hub's page tree as load_demo builds it: home → programs, directory, evaluations, about."""
    return build_site()


def make_staff_user(role, hub=None, username=None):
    """A user in one staff group of a hub (the first hub unless told): role is editor, reviewer or manager."""
    hub = hub or all_hubs().first() or hub_for_page(build_site())
    username = username or role
    user = get_user_model().objects.create_user(
        username=username, password="test-password-123", email=f"{username}@x.invalid"
    )
    user.groups.add(hub.group(ROLE_GROUPS[role]))
    return user


@pytest.fixture
def staff(home):
    """One user per staff group of the demo hub, keyed by role (editor, reviewer, manager), and a city user."""
    users = {role: make_staff_user(role) for role in ROLE_GROUPS}
    users["city"] = make_city_user()
    return users


def make_city_user(username="city"):
    user = get_user_model().objects.create_user(
        username=username, password="test-password-123", email=f"{username}@x.invalid"
    )
    user.groups.add(city_staff_group())
    return user


def log_in(client, user):
    """Log a staff user in for admin requests: the one place tests log in.

    force_login bypasses django-axes (no credentials are checked). Users who need a second factor (Managers,
    superusers, anyone with a device) get a real confirmed TOTP device, and the session is marked verified with
    it exactly as django_otp.login does after a correct code.
    """
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from security.two_factor import needs_two_factor

    client.force_login(user)
    if needs_two_factor(user):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
            user=user, name="test device", confirmed=True
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


@pytest.fixture
def client_for(client, staff):
    """A test client logged in as the given role (or anonymous)."""

    def login(role):
        client.logout()
        if role != "anonymous":
            log_in(client, staff[role])
        return client

    return login
