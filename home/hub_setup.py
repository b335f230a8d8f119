"""Create a hub: a Wagtail Site with its page tree, staff groups, collection and workflows, in one step.

Used by ``manage.py create_hub``, the admin's "add a hub" form and the demo. Idempotent for one hostname:
running it again finds what exists and adds only what is missing.
"""

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Collection, GroupApprovalTask, Page, Site, Workflow, WorkflowPage, WorkflowTask

from goals.factories import EvaluationIndexPageFactory
from home.factories import HomePageFactory, ProgramIndexPageFactory, StandardPageFactory
from home.hubs import all_hubs, hub_for_site
from home.models import HomePage, HubSettings
from home.permissions import MANAGERS, STAFF_ROLES, city_staff_group, grant_hub_permissions
from resources_directory.factories import DirectoryPageFactory

APPROVAL_WORKFLOW_NAME = "公開の承認"
APPROVAL_TASK_NAME = "管理者の承認"
CONTACT_FIELDS = ("operator", "address", "phone", "opening_hours")


class HubError(ValueError):
    pass


def section_pages(hub_name):
    return [
        ("programs", ProgramIndexPageFactory, {}),
        ("directory", DirectoryPageFactory, {}),
        ("evaluations", EvaluationIndexPageFactory, {}),
        ("about", StandardPageFactory, {"title": f"{hub_name}について", "intro": "拠点の紹介と利用案内"}),
    ]


def child_by_slug(parent, slug):
    return parent.get_children().filter(slug=slug).specific().first()


def check_new_hub(name, slug, hostname, port):
    if not name.strip():
        raise HubError(_("A hub needs a name."))
    if not slug:
        raise HubError(_("A hub needs a key (--slug) made of latin letters, digits and hyphens."))
    if HubSettings.objects.filter(slug=slug).exclude(site__hostname=hostname, site__port=port).exists():
        raise HubError(_("Another hub already uses the key “%(key)s”.") % {"key": slug})
    there = all_hubs().filter(site__hostname=hostname, site__port=port).exclude(slug=slug).first()
    if there is not None:
        raise HubError(_("%(host)s already serves the hub %(hub)s.") % {"host": f"{hostname}:{port}", "hub": there})
    taken = Group.objects.filter(name__in=[f"{name}: {role}" for role in STAFF_ROLES]).exists()
    if taken and not HubSettings.objects.filter(hub_name=name, site__hostname=hostname, site__port=port).exists():
        raise HubError(_("Staff groups named after “%(name)s” already exist: choose another name.") % {"name": name})


@transaction.atomic
def create_hub(*, name, ward, hostname, slug=None, port=80, default=False, home_title=None, **contact):
    """Make (or complete) the hub served at hostname:port and return its HubSettings."""
    slug = slugify(slug or hostname.split(".")[0])
    check_new_hub(name, slug, hostname, port)
    site = Site.objects.filter(hostname=hostname, port=port).first()
    if site is None and default:
        site = unclaimed_default_site()
    home = own_home_page(site)
    if home is None:
        try:
            home = HomePageFactory(parent=Page.get_first_root_node(), slug=slug, title=home_title or name)
        except ValidationError as error:
            raise HubError(" ".join(error.messages)) from None
    site = attach_site(site, home, hostname, port, name, default)

    hub, _created = HubSettings.objects.get_or_create(site=site)
    hub.hub_name, hub.ward, hub.slug = name, ward, slug
    for field in CONTACT_FIELDS:
        if field in contact:
            setattr(hub, field, contact[field])
    for role in STAFF_ROLES:
        if hub.group(role) is None:
            group, _created = Group.objects.get_or_create(name=f"{name}: {role}")
            setattr(hub, HubSettings.role_field(role), group)
    if hub.collection is None:
        hub.collection = Collection.get_first_root_node().add_child(name=name)
    hub.save()
    grant_hub_permissions(hub)
    attach_approval_workflow(hub, home)
    city_staff_group()
    for section_slug, factory_class, extra in section_pages(name):
        if child_by_slug(home, section_slug) is None:
            factory_class(parent=home, slug=section_slug, show_in_menus=True, **extra)
    return hub


def unclaimed_default_site():
    """The default site when no hub has it yet (a fresh install's "Welcome to Wagtail" site), else None."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None or hub_for_site(site) is not None:
        return None
    return site


def own_home_page(site):
    """The site's home page to build the hub on: none when it is another hub's (a second hostname on it)."""
    if site is None or not isinstance(site.root_page.specific, HomePage):
        return None
    if all_hubs().filter(site__root_page=site.root_page).exclude(site=site).exists():
        return None
    return site.root_page.specific


def attach_site(site, home, hostname, port, name, default):
    if default:  # one default site: the new hub's
        Site.objects.filter(is_default_site=True).exclude(pk=getattr(site, "pk", None)).update(is_default_site=False)
    if site is None:
        return Site.objects.create(
            hostname=hostname, port=port, root_page=home, site_name=name, is_default_site=default
        )
    old_root = site.root_page
    site.hostname, site.port, site.root_page, site.site_name = hostname, port, home, name
    site.is_default_site = site.is_default_site or default
    site.save()
    if old_root.pk != home.pk and type(old_root.specific) is Page and old_root.slug == "home":
        old_root.delete()  # Wagtail's "Welcome to your new Wagtail site!" placeholder
    return site


def attach_approval_workflow(hub, home):
    """Standard pages of the hub need one of its Managers' approval (their own workflow, not another hub's)."""
    if WorkflowPage.objects.filter(page=home).exists():
        return
    task = GroupApprovalTask.objects.create(name=APPROVAL_TASK_NAME, active=True)
    task.groups.add(hub.group(MANAGERS))
    workflow = Workflow.objects.create(name=f"{APPROVAL_WORKFLOW_NAME}: {hub}", active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(page=home, workflow=workflow)


def first_hub():
    return all_hubs().first()
