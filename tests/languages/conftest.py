import pytest
from wagtail.models import Locale

from home.hub_setup import child_by_slug


def translate(page, code, **fields):
    """The page's published version in the language ``code`` (its parents copied as aliases when needed)."""
    translated = page.copy_for_translation(Locale.objects.get(language_code=code), copy_parents=True)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated


def english_admin(client):
    """The logged-in user of ``client`` chooses English in their account settings."""
    from django.contrib.auth import get_user_model
    from wagtail.users.models import UserProfile

    user = get_user_model().objects.get(pk=client.session["_auth_user_id"])
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()


@pytest.fixture
def about(home):
    return child_by_slug(home, "about").specific
