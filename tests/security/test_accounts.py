"""Staff accounts: two-factor for Managers and superusers, lockout, sessions."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import log_in, make_staff_user

ADMIN = "/admin/"


@pytest.mark.parametrize("role", ["manager", "superuser"])
def test_unverified_manager_or_superuser_is_refused_in_admin(client, db, role):
    user = (
        get_user_model().objects.create_superuser("root", "r@x.invalid", "a-long-test-password-1")
        if role == "superuser"
        else make_staff_user("manager")
    )
    client.force_login(user)  # password only, no second factor
    response = client.get(ADMIN)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/two-factor/?next=")
    assert client.get("/admin/pages/").status_code == 302
    assert client.post("/admin/pages/", {}).status_code == 403
    assert client.get("/django-admin/").status_code == 302


def test_log_in_helper_verifies_managers_and_superusers(client, db, superuser):
    assert log_in(client, make_staff_user("manager")).get(ADMIN).status_code == 200
    assert log_in(client, superuser).get(ADMIN).status_code == 200


def test_editor_without_device_needs_no_second_factor(client_for):
    assert client_for("editor").get(ADMIN).status_code == 200


def test_enrolment_with_a_real_totp_code(client, db):
    manager = make_staff_user("manager")
    client.force_login(manager)
    page = client.get("/admin/two-factor/?next=/admin/pages/")
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=manager, confirmed=False)

    wrong = client.post("/admin/two-factor/", {"token": "000000" if totp(device.bin_key) else "111111"})
    assert wrong.status_code == 400
    assert client.get(ADMIN).status_code == 302

    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    session_before = client.session.session_key
    response = client.post("/admin/two-factor/", {"token": code, "next": "/admin/pages/"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/pages/"
    assert client.session.session_key != session_before
    assert TOTPDevice.objects.get(user=manager).confirmed
    assert client.get(ADMIN).status_code == 200


def test_enrolled_editor_must_verify_too(client, db):
    editor = make_staff_user("editor")
    TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    client.force_login(editor)
    assert client.get(ADMIN).status_code == 302
    assert log_in(client, editor).get(ADMIN).status_code == 200


def test_next_parameter_cannot_leave_the_site(client, db):
    manager = make_staff_user("manager")
    device = TOTPDevice.objects.create(user=manager, name="phone", confirmed=True)
    client.force_login(manager)
    code = f"{totp(device.bin_key):06d}"
    response = client.post("/admin/two-factor/", {"token": code, "next": "https://evil.example/"})
    assert response["Location"] == "/admin/"


def test_lockout_after_ten_failures_for_user_and_ip(client, db):
    make_staff_user("editor")
    for _ in range(10):
        response = client.post("/admin/login/", {"username": "editor", "password": "wrong"}, REMOTE_ADDR="10.0.0.1")
        assert response.status_code in (200, 429)
    locked = client.post(
        "/admin/login/", {"username": "editor", "password": "test-password-123"}, REMOTE_ADDR="10.0.0.1"
    )
    assert locked.status_code == 429
    assert "15分間" in locked.content.decode()
    # Another address is not locked out, and the correct password works there.
    other = client.post(
        "/admin/login/", {"username": "editor", "password": "test-password-123"}, REMOTE_ADDR="10.0.0.2"
    )
    assert other.status_code == 302


def test_login_starts_a_new_session(client, db):
    make_staff_user("editor")
    client.get("/admin/login/")
    session = client.session
    session["marker"] = "anonymous"
    session.save()
    before = session.session_key
    response = client.post("/admin/login/", {"username": "editor", "password": "test-password-123"})
    assert response.status_code == 302
    assert client.session.session_key != before


def test_deactivating_a_user_ends_their_sessions(client_for, staff):
    client = client_for("editor")
    assert client.get(ADMIN).status_code == 200
    assert Session.objects.count() == 1
    staff["editor"].is_active = False
    staff["editor"].save()
    assert Session.objects.count() == 0
    assert client.get(ADMIN).status_code == 302  # back to the login page


def test_weak_passwords_are_refused():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("password12", "1234567890", "short"):
        with pytest.raises(ValidationError):
            validate_password(weak)
