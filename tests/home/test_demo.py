import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site

from home.models import HomePage


@pytest.mark.django_db
def test_load_demo_builds_the_tree_and_is_idempotent():
    call_command("load_demo")
    count = Page.objects.count()
    call_command("load_demo")
    assert Page.objects.count() == count
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    slugs = set(home.get_children().values_list("slug", flat=True))
    assert {"programs", "directory", "evaluations", "about"} <= slugs
    assert not Page.objects.filter(slug="home", depth=2).exists()  # Wagtail's welcome page is gone


@pytest.mark.django_db
def test_dev_users_are_refused_outside_development(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("create_dev_users")


@pytest.mark.django_db
def test_dev_users_get_their_groups(home, settings):
    settings.DEBUG = True
    call_command("create_dev_users")
    call_command("create_dev_users")
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    reviewer_groups = list(users.get(username="reviewer").groups.values_list("name", flat=True))
    assert reviewer_groups == ["港南区地域子育て支援拠点 はっち: Ward reviewers"]
    assert list(users.get(username="city").groups.values_list("name", flat=True)) == ["City staff"]
