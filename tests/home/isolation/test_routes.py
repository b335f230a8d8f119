"""Read-only admin routes: no staff role of hub A sees any title of hub B's pages, media or snippets.

For every route, a positive control: hub B's own staff (the role named) do see hub B's titles there, so a
route that stopped listing anything would fail too. Redirects are followed (Wagtail sends a user without
rights to the dashboard or to their own explorable root).
"""

import pytest

from tests.home.isolation.conftest import ROLES, SECRET, shown

# route -> the role of hub B that sees hub B's content there (positive control)
ROUTES = {
    "/admin/": "reviewer",  # dashboard: "awaiting your review" lists the evaluation in workflow
    "/admin/pages/": "editor",
    "/admin/pages/{home}/": "editor",
    "/admin/pages/{programs}/": "editor",
    f"/admin/pages/search/?q={SECRET}": "editor",
    "/admin/pages/usage/home/standardpage/": "editor",
    "/admin/pages/create/resources_directory/listingpage": "editor",
    "/admin/choose-page/": "editor",
    "/admin/choose-page/{home}/": "editor",
    "/admin/choose-page/{directory}/": "editor",
    "/admin/choose-page/?page_type=resources_directory.listingpage": "editor",
    "/admin/choose-page/?page_type=goals.evaluationindexpage": "editor",
    f"/admin/choose-page/search/?q={SECRET}": "editor",
    "/admin/choose-page/chosen-multiple/?id={standard}&id={program}": "editor",
    "/admin/images/": "editor",
    "/admin/images/chooser/": "editor",
    f"/admin/images/chooser/results/?q={SECRET}": "editor",
    "/admin/documents/": "editor",
    "/admin/documents/chooser/": "editor",
    "/admin/snippets/resources_directory/area/": "editor",
    "/admin/snippets/goals/goal/": "manager",
    "/admin/snippets/resources_directory/area/?q=北町": "editor",
    "/admin/snippets/goals/goal/?q=目標": "manager",
    "/admin/snippets/choose/resources_directory/area/": "editor",
    "/admin/snippets/choose/resources_directory/area/results/?q=北町": "editor",
    "/admin/snippets/choose/goals/goal/results/?q=目標": "editor",
    "/admin/snippets/choose/goals/goal/": "editor",
    "/admin/reports/locked/": "manager",
    "/admin/reports/aging-pages/": "manager",
    "/admin/reports/site-history/": "editor",
    "/admin/reports/page-types-usage/": "editor",
    "/admin/reports/workflow/": "manager",
    "/admin/reports/workflow_tasks/": "manager",
    "/admin/reports/site-history/?export=csv": "editor",
    "/admin/reports/locked/?export=csv": "manager",
    "/admin/reports/workflow/?export=csv": "manager",
    "/admin/api/main/pages/?child_of={home}": "editor",
    "/admin/api/main/pages/?descendant_of={home}&limit=50": "editor",
    f"/admin/api/main/pages/?search={SECRET}": "editor",
    "/admin/api/main/pages/{standard}/": "editor",
    "/admin/bulk/wagtailcore/page/delete/?id={standard}&id={program}": "manager",
    "/admin/bulk/home/customimage/delete/?id={image}": "manager",
    "/admin/bulk/home/customdocument/delete/?id={document}": "manager",
    "/admin/bulk/resources_directory/area/delete/?id={area}": "manager",
    "/admin/bulk/goals/goal/delete/?id={goal}": "manager",
}


def visit(client, route, b):
    return client.get(route.format(**{kind: item.pk for kind, item in b.items()}), follow=True)


def leaks(client, b, titles, routes):
    found = {}
    for route in routes:
        response = visit(client, route, b)
        assert response.status_code < 500, route
        if titles_shown := shown(response, titles):
            found[route] = titles_shown
    return found


@pytest.mark.parametrize("role", ROLES)
def test_no_route_shows_hub_b_to_hub_a_staff(b, hub_b_titles, staff, client_as, role):
    assert leaks(client_as(staff[role]), b, hub_b_titles, ROUTES) == {}


def test_city_staff_see_no_hub_page_to_edit(b, hub_b_titles, home, staff, client_as):
    client = client_as(staff["city"])
    assert leaks(client, b, hub_b_titles, ROUTES) == {}
    for route in ("/admin/pages/", f"/admin/pages/{home.pk}/", "/admin/choose-page/", f"/admin/pages/{home.pk}/edit/"):
        response = client.get(route, follow=True)
        assert home.title not in response.content.decode(), route
    assert client.get(f"/admin/pages/{b['standard'].pk}/edit/").status_code == 302


@pytest.mark.parametrize("role", sorted(set(ROUTES.values())))
def test_control_hub_b_staff_see_their_own_hub_there(b, hub_b_titles, staff_b, client_as, role):
    routes = [route for route, control_role in ROUTES.items() if control_role == role]
    client = client_as(staff_b[role])
    blind = [route for route in routes if not shown(visit(client, route, b), hub_b_titles)]
    assert blind == []
