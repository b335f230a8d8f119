"""Demo content: the hubs ``load_demo`` creates and their page trees. Other apps add their content in their own
demo.py, each reading the hub's data set (``demo_data(app, home)``): the code is shared, the content is data.

The demo hubs are 港南区 (はっち, the default site at localhost) and the invented つばさ区 (そら, at
tsubasa.localhost), next to each other so a family near the border has places of both wards nearby.
"""

from importlib import import_module

from home.hub_setup import child_by_slug, create_hub
from home.hubs import hub_for_page
from home.models import HubSettings

# Slugs of the demo hubs, in the order they are created; the first is the default site. Each has a data set
# module ``<app>.demo_data.<slug>`` per app (home: the hub itself, its about page and its programs).
DEMO_HUBS = ["konan", "tsubasa"]
# The demo's sites answer on the development server's port, so the full addresses Wagtail gives a page of
# another site (e.g. http://tsubasa.localhost:8000/...) lead to the server (``load_demo --port``).
DEV_PORT = 8000


def demo_data(app, home):
    """The module holding ``app``'s demo content for the hub of ``home`` (None when that hub has none)."""
    hub = hub_for_page(home)
    if hub is None:
        return None
    try:
        return import_module(f"{app}.demo_data.{hub.slug}")
    except ModuleNotFoundError as error:
        if error.name != f"{app}.demo_data.{hub.slug}":
            raise
        return None


def build_hub(slug, port=DEV_PORT):
    """Create (or complete) one demo hub from its data set, served on ``port``, and return its home page."""
    data = import_module(f"home.demo_data.{slug}")
    existing = HubSettings.objects.filter(slug=slug).select_related("site").first()
    if existing is not None and existing.site.port != port:  # served on another port than last time
        existing.site.port = port
        existing.site.save()
    hub = create_hub(slug=slug, port=port, default=slug == DEMO_HUBS[0], **data.HUB)
    home = hub.site.root_page.specific
    about = child_by_slug(home, "about")
    if about is not None and not about.body:
        about.title, about.body = data.ABOUT_TITLE, data.ABOUT_BODY
        about.save_revision().publish()
    return home


def build_site(port=DEV_PORT):
    """Create (or complete) the first demo hub, served as the default site, and return its home page."""
    return build_hub(DEMO_HUBS[0], port)


def build_hubs(port=DEV_PORT):
    """Every demo hub's home page, the first (default site) first."""
    return [build_hub(slug, port) for slug in DEMO_HUBS]


def dev_url(hub):
    """Where ``make run`` serves the hub: the default site on 127.0.0.1, the others on their hostname (browsers
    resolve *.localhost to this machine)."""
    host = "127.0.0.1" if hub.site.is_default_site else hub.site.hostname
    return f"http://{host}{'' if hub.site.port == 80 else f':{hub.site.port}'}/"
