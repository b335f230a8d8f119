"""Which hubs a public request looks at: the ``hub`` parameter of the agenda, its iCal feed and the site search.

* no ``hub`` → the current hub only (the hub of the page or of the request's site);
* ``hub=<slug>`` (repeatable) → those hubs; ``hub=all`` → every hub;
* an empty ``hub=`` is "not given";
* an unknown slug → a form error naming the parameter and the known keys (the views answer 400).

All hubs are read in one query (``home.hubs.all_hubs``), whatever their number; everything else (the current
hub, each result's hub) is found in memory from the tree paths, so views that scope by hub keep their query counts.
"""

from dataclasses import dataclass, field

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from home.hubs import all_hubs, hub_finder, hub_for_site
from home.models import HubSettings

HUB_PARAMETER = "hub"
ALL_HUBS = "all"


def below(paths, prefix=""):
    """A Q for pages (or a model reaching them by ``prefix``) below any of these tree paths; none → nothing."""
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{prefix}path__startswith": path})
    return condition


def hub_label(hub):
    return f"{hub.hub_name}（{hub.ward}）" if hub.ward else str(hub)


def hub_choices(hubs):
    return [(ALL_HUBS, _("All hubs")), *((hub.slug, hub_label(hub)) for hub in hubs if hub.slug)]


class HubChoiceField(forms.MultipleChoiceField):
    """Hub keys (``hub=konan&hub=tsubasa``) or ``all``; an unknown key names the keys there are."""

    default_error_messages = {
        "invalid_choice": _("There is no hub “%(value)s”. Use one of: %(keys)s (or “all”)."),
    }

    def to_python(self, value):
        """An empty ``hub=`` means "not given" (as in the directory and its APIs), not an unknown hub."""
        return [key for key in super().to_python(value) if key]

    def validate(self, value):
        try:
            super().validate(value)
        except forms.ValidationError as error:
            if error.code != "invalid_choice":
                raise
            keys = ", ".join(key for key, _label in self.choices if key != ALL_HUBS)
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={**error.params, "keys": keys},
            ) from None


@dataclass
class HubScope:
    """Every hub, the current one and the ones chosen (in tree order)."""

    hubs: list
    current: HubSettings | None
    selected: list = field(default_factory=list)

    @property
    def across(self):
        """Results come from another hub than the current one: mark each with its hub."""
        return bool(self.selected) and self.selected != [self.current]

    @property
    def is_all(self):
        return len(self.selected) == len(self.hubs) and len(self.hubs) > 1

    @property
    def root_paths(self):
        """Tree paths of the chosen hubs' home pages (the pages to show are below one of them); no hub at all
        (a site not made into a hub yet) → ``None``: no restriction."""
        return [hub.site.root_page.path for hub in self.selected] if self.hubs else None

    def choose(self, keys):
        """The hubs for cleaned ``hub`` values: none → the current hub (every hub if there is none), ``all``."""
        keys = list(keys or ())
        if ALL_HUBS in keys or (not keys and self.current is None):
            self.selected = list(self.hubs)
        elif keys:
            self.selected = [hub for hub in self.hubs if hub.slug in keys]
        else:
            self.selected = [self.current]
        return self.selected

    def choose_raw(self, data):
        """Like ``choose`` before validation (unknown keys left out): what a form's other choices depend on."""
        known = {hub.slug for hub in self.hubs} | {ALL_HUBS}
        return self.choose([key for key in data.getlist(HUB_PARAMETER) if key in known] if data else ())

    def remember_for_request(self, request, site):
        """Give Wagtail's per-request settings cache the request site's hub, so the footer reads no row again."""
        hub = next((hub for hub in self.hubs if hub.site_id == getattr(site, "pk", None)), None)
        if hub is not None:
            hub._request = request
            setattr(request, HubSettings.get_cache_attr_name(), hub)


def scope_for_path(path):
    """The scope of a page (e.g. a program index): its own hub is the current one."""
    hubs = list(all_hubs())
    return HubScope(hubs, hub_finder(hubs)(path))


def scope_for_site(site):
    """The scope of a request to a site (e.g. the site search): the site's hub is the current one."""
    hubs = list(all_hubs())
    return HubScope(hubs, hub_for_site(site, hubs) if site is not None else None)
