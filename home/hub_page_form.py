"""The page editor form of every hub page: its object choices (and its inline rows') are the page's hub's only.

The choosers offer an editor only their own hub's pages, images, documents and snippets; ``HubPageForm`` makes
the form accept nothing else, so another hub's object sent by id in a hand-made POST is an invalid choice (a form
error), never saved. For the page's hub (the parent page's hub when adding), each model choice field is narrowed:

- pages → pages of that hub's tree;
- images, documents → the ones the user may choose (Wagtail's collection permission policy, "choose");
- hub-owned snippets (areas, goals: ``home.hub_admin.HubOwnedViewSet``) → that hub's rows;
- any other model (shared snippets such as categories) → unchanged.

The value the page already has stays a valid choice, so saving a page whose image a superuser chose elsewhere
still works. A page outside every hub offers no page and no hub-owned row.
"""

from django.db.models import Q
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page
from wagtail.permission_policies.collections import CollectionPermissionLookupMixin
from wagtail.permissions import policy_registry

NOTHING = Q(pk__in=[])


def page_hub(page):
    from home.hubs import hub_for_path  # home.hubs imports home.models, which use this form

    return hub_for_path(page.path) if page is not None else None


def choices_q(model, hub, user):
    """A Q on ``model`` for the rows a form of a page of ``hub`` may point to, or None: no restriction."""
    if issubclass(model, Page):
        return Q(path__startswith=hub.site.root_page.path) if hub else NOTHING
    policy = policy_registry.get_by_type(model, fallback=False)
    if policy is None:
        return None
    if hasattr(policy, "owned_by"):  # a hub-owned snippet (home.hub_admin.HubOwnedPermissionPolicy)
        return policy.owned_by([hub]) if hub else NOTHING
    if isinstance(policy, CollectionPermissionLookupMixin):  # images, documents: by collection permissions
        if user is None:
            return NOTHING
        return Q(pk__in=policy.instances_user_has_permission_for(user, "choose").values("pk"))
    return None


def narrow_fields(form, hub, user):
    """Narrow every model choice field of this form to what a page of ``hub`` may point to (current values kept)."""
    for name, field in form.fields.items():
        queryset = getattr(field, "queryset", None)
        if queryset is None:
            continue
        allowed = choices_q(queryset.model, hub, user)
        if allowed is None:
            continue
        current = form.initial.get(name)
        if current not in (None, "", []):
            current = current if isinstance(current, list | tuple) else [current]
            allowed |= Q(pk__in=[getattr(item, "pk", item) for item in current])
        field.queryset = queryset.filter(allowed)


def narrowed_form_class(form_class, hub, user):
    """The inline rows' form class, its choices narrowed as they are built (the rows, and the empty row)."""

    def __init__(self, *args, **kwargs):
        form_class.__init__(self, *args, **kwargs)
        narrow_fields(self, hub, user)

    return type(form_class.__name__, (form_class,), {"__init__": __init__})


class HubPageForm(WagtailAdminPageForm):
    """A page form whose model choices, and its inline rows', are those of the page's own hub."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        page = self.instance if self.instance.pk else self.parent_page
        hub = page_hub(page)
        narrow_fields(self, hub, self.for_user)
        for formset in self.formsets.values():
            formset.form = narrowed_form_class(formset.form, hub, self.for_user)
            for form in formset.__dict__.get("forms", ()):  # rows already built (Wagtail iterates them)
                narrow_fields(form, hub, self.for_user)
