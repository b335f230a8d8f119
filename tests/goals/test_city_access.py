"""Who may see every hub's goals (City staff and superusers only), and what the page costs in queries."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from goals.city import PERMISSION
from home.hubs import all_hubs
from home.permissions import city_staff_group
from tests.conftest import log_in, make_city_user, make_staff_user
from tests.goals.city_fixtures import KONAN_2022, TSUBASA_2022, build_city, document, second_hub

URLS = ("/admin/city/goals/", "/admin/city/goals/export.csv", "/admin/city/goals/export.xlsx")
MENU_LINK = '"name": "city-goals"'  # the sidebar's menu item (JSON, Japanese escaped)
MENU_LABEL = json.dumps("各区の重点目標一覧")


@pytest.fixture
def city(home):
    return build_city(home)


def hub_staff(city):
    """Editors, ward reviewers and managers of two hubs."""
    users = []
    for slug in ("konan", "tsubasa"):
        for role in ("editor", "reviewer", "manager"):
            users.append(make_staff_user(role, hub=city[slug], username=f"{role}-{slug}"))
    return users


def test_hub_staff_and_anonymous_visitors_are_refused(client, city):
    for url in URLS:
        response = client.get(url, {"year": 2022})
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    for user in hub_staff(city):
        assert not user.has_perm(PERMISSION)
        log_in(client, user)
        for url in URLS:
            response = client.get(url, {"year": 2022})
            assert response.status_code == 302, (user.username, url)
            assert response["Location"] == "/admin/"
            assert KONAN_2022[0].encode() not in response.content
        dashboard = client.get("/admin/").content.decode()
        assert "アクセス権がありません。" in dashboard  # Wagtail's "permission denied" message
        assert MENU_LINK not in dashboard
        client.logout()


def test_city_staff_and_superusers_see_it_and_its_menu_item(client, city):
    superuser = get_user_model().objects.create_superuser("root", "root@x.invalid", "test-password-123")
    for user in (make_city_user(), superuser):
        log_in(client, user)
        dashboard = client.get("/admin/").content.decode()
        assert MENU_LINK in dashboard and MENU_LABEL in dashboard
        for url in URLS:
            assert client.get(url, {"year": 2022}).status_code == 200
        assert TSUBASA_2022[0] in client.get(URLS[0], {"year": 2022}).content.decode()
        client.logout()


def test_the_city_staff_group_holds_the_permission_and_the_migration_grants_it(city):
    from django.apps import apps
    from django.contrib.auth.models import Permission

    group = city_staff_group()
    permission = Permission.objects.get(content_type__app_label="goals", codename="view_city_overview")
    assert permission in group.permissions.all()
    # An installation whose City staff group predates the permission gets it from goals 0004.
    migration = __import__("goals.migrations.0004_goal_business_area_city_overview", fromlist=["grant"])
    migration.revoke(apps, None)
    assert permission not in group.permissions.all()
    migration.grant(apps, None)
    assert permission in group.permissions.all()
    # Hub groups never get it.
    for hub in all_hubs():
        for group in (hub.editors, hub.ward_reviewers, hub.managers):
            assert permission not in group.permissions.all()


def count_queries(client, url, params):
    client.get(url, params)  # warm caches (site root paths, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


def test_queries_do_not_grow_with_the_number_of_hubs(client, home):
    konan = all_hubs().get(slug="konan")
    document(konan, 2021, ["港南：一"], ["港南：二", "港南：三"])
    document(konan, 2022, ["港南：二", "港南：三"], ["港南：四"])
    log_in(client, make_city_user())
    params = {"year": 2022}
    one = {url: count_queries(client, url, params) for url in URLS}
    for number, ward in enumerate(("つばさ区", "みなと区", "ひかり区", "そよかぜ区")):
        hub = second_hub(name=f"{ward}の拠点", ward=ward, slug=f"hub{number}")
        document(hub, 2021, [f"{ward}：一"], [f"{ward}：二", f"{ward}：三"])
        if number % 2:  # half of them evaluated FY2022, the others only set its goals
            document(hub, 2022, [f"{ward}：二", f"{ward}：三"], [f"{ward}：四"])
    five = {url: count_queries(client, url, params) for url in URLS}
    assert client.get(URLS[0], params).content.decode().count('class="city-goal"') == 10
    assert five == one
    with_filters = {**params, "ward": ["港南区", "つばさ区", "ひかり区"], "area": "unclassified"}
    assert count_queries(client, URLS[0], with_filters) == one[URLS[0]]
