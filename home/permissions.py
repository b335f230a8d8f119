"""Staff roles and what each grants, per hub.

Every hub has its own staff groups (``HubSettings.editors``, ``.ward_reviewers``, ``.managers``,
``.floor_staff``), made by ``home.hub_setup.create_hub``. The role keys below name the kind of group; the groups
themselves are named after
their hub ("港南区…はっち: Editors"). Page rights are granted on the hub's own home page and section pages, and
image/document rights on the hub's own collection, so nothing a hub's staff may do reaches another hub.
One city-level group (``CITY_STAFF``) keeps the snippets every hub shares and sees every hub's goals.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupCollectionPermission, GroupPagePermission, GroupSitePermission

from home.hubs import hub_for_page

EDITORS = "Editors"
WARD_REVIEWERS = "Ward reviewers"
MANAGERS = "Managers"
# ひろばスタッフ: the staff on the floor of the hub's places; they set the live status (満員です) and nothing else.
FLOOR_STAFF = "Floor staff"
STAFF_ROLES = (EDITORS, WARD_REVIEWERS, MANAGERS, FLOOR_STAFF)
CITY_STAFF = "City staff"

# A hub's bookings (personal data) are kept by its Editors and Managers, limited to their own hub by the admin views.
BOOKING_PERMISSIONS = ["bookings.add_booking", "bookings.change_booking", "bookings.view_booking"]
# The live status of their hub's places (resources_directory.live_admin limits it to the user's hubs).
LIVE_STATUS_PERMISSION = "resources_directory.set_live_status"
# Hub-wide closures (a storm warning) are hub-owned snippets, kept by the hub's Editors and Managers.
HUB_CLOSURE_PERMISSIONS = [f"resources_directory.{action}_hubclosure" for action in ("add", "change", "delete", "view")]
# Corrected readings for furigana (表記 → よみ) are hub-owned snippets too, kept by the hub's Editors and Managers.
READING_PERMISSIONS = [f"furigana.{action}_reading" for action in ("add", "change", "delete", "view")]
# wagtail-localize's right to start a translation; languages.admin_routes limits it to what the user may edit.
TRANSLATE_PERMISSION = "wagtail_localize.submit_translation"
# Model permissions ("app_label.codename") of each hub role. Hub-owned snippets (areas, goals) are further
# limited to the user's own hubs by their viewsets; shared snippets (categories, synonyms) are kept by the city.
ROLE_MODEL_PERMISSIONS = {
    EDITORS: [
        "wagtailadmin.access_admin",
        "resources_directory.add_area",
        "resources_directory.change_area",
        "resources_directory.view_area",
        "goals.add_goal",
        "goals.change_goal",
        *BOOKING_PERMISSIONS,
        LIVE_STATUS_PERMISSION,
        *HUB_CLOSURE_PERMISSIONS,
        *READING_PERMISSIONS,
        TRANSLATE_PERMISSION,
    ],
    WARD_REVIEWERS: ["wagtailadmin.access_admin"],
    MANAGERS: [
        "wagtailadmin.access_admin",
        "resources_directory.add_area",
        "resources_directory.change_area",
        "resources_directory.delete_area",
        "resources_directory.view_area",
        "goals.add_goal",
        "goals.change_goal",
        *BOOKING_PERMISSIONS,
        *HUB_CLOSURE_PERMISSIONS,
        *READING_PERMISSIONS,
        TRANSLATE_PERMISSION,
    ],
    FLOOR_STAFF: ["wagtailadmin.access_admin", LIVE_STATUS_PERMISSION],
}
CITY_MODEL_PERMISSIONS = [
    "wagtailadmin.access_admin",
    *(f"resources_directory.{action}_category" for action in ("add", "change", "delete", "view")),
    *(f"site_search.{action}_synonymgroup" for action in ("add", "change", "delete", "view")),
    "goals.view_city_overview",
    TRANSLATE_PERMISSION,
    "worker.view_task_queue",
]
# Page permissions on the hub's home page (and so on every page of the hub without a narrower rule).
ROLE_HOME_PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    MANAGERS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
# Site-setting permissions on the hub's own site (Wagtail's GroupSitePermission): Managers edit their hub information.
ROLE_SITE_PERMISSIONS = {MANAGERS: ["home.change_hubsettings"]}
# Image and document permissions on the hub's collection.
_MEDIA_ACTIONS = {EDITORS: ("add", "change", "choose"), MANAGERS: ("add", "change", "choose", "delete")}
ROLE_COLLECTION_PERMISSIONS = {
    role: [
        f"{app}.{action}_{model}"
        for app, model in (("wagtailimages", "image"), ("wagtaildocs", "document"))
        for action in actions
    ]
    for role, actions in _MEDIA_ACTIONS.items()
}


def permission(dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def grant_model_permissions(group, dotted_names):
    group.permissions.add(*(permission(name) for name in dotted_names))


def grant_hub_permissions(hub):
    """Give the hub's groups their model, home-page, collection and site-setting permissions. Idempotent."""
    home = hub.site.root_page
    for role in STAFF_ROLES:
        group = hub.group(role)
        grant_model_permissions(group, ROLE_MODEL_PERMISSIONS[role])
        for codename in ROLE_HOME_PAGE_PERMISSIONS.get(role, []):
            GroupPagePermission.objects.get_or_create(
                group=group, page=home, permission=permission(f"wagtailcore.{codename}")
            )
        for name in ROLE_COLLECTION_PERMISSIONS.get(role, []):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=hub.collection, permission=permission(name)
            )
        for name in ROLE_SITE_PERMISSIONS.get(role, []):
            GroupSitePermission.objects.get_or_create(group=group, site=hub.site, permission=permission(name))


def city_staff_group():
    group, created = Group.objects.get_or_create(name=CITY_STAFF)
    if created:
        grant_model_permissions(group, CITY_MODEL_PERMISSIONS)
    return group


def grant_section_permissions(page):
    """Give the page's hub groups the permissions a section page declares in ``section_permissions``.

    Called when a section page (programs, directory, evaluations) is created, so every new hub's sections
    get the same rules without hand work in the admin. A section outside any hub grants nothing. Idempotent.
    """
    hub = hub_for_page(page)
    if hub is None:
        return
    for role, codenames in page.section_permissions.items():
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=hub.group(role), page=page, permission=permission(f"wagtailcore.{codename}")
            )
