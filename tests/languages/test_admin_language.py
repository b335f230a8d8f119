"""The admin is Japanese by default; a staff member who chooses English in their account gets it, others do not."""

import pytest
from wagtail.users.models import UserProfile

from tests.conftest import log_in, make_staff_user


@pytest.mark.django_db
def test_admin_language_is_per_user(client, home):
    editor = make_staff_user("editor")
    other = make_staff_user("editor", username="editor-ja")
    log_in(client, editor)
    html = client.get("/admin/").content.decode()
    assert '<html lang="ja"' in html and "ダッシュボード" in html
    account = client.get("/admin/account/").content.decode()
    assert 'value="en"' in account and "English" in account  # offered in the account settings

    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    html = client.get("/admin/").content.decode()
    assert '<html lang="en"' in html and "Dashboard" in html and "ダッシュボード" not in html

    client.logout()
    log_in(client, other)
    assert "ダッシュボード" in client.get("/admin/").content.decode()
    # The public site is not changed by the admin language: unprefixed pages stay Japanese.
    log_in(client, editor)
    assert '<html lang="ja">' in client.get("/about/").content.decode()


@pytest.mark.django_db
def test_only_japanese_and_english_are_offered_in_the_admin(client, home):
    log_in(client, make_staff_user("editor"))
    account = client.get("/admin/account/").content.decode()
    assert 'value="zh-hans"' not in account and 'value="ja-easy"' not in account
