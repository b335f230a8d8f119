"""Snippets that belong to one hub (areas, goals): the one place that keeps a hub's staff to their own hub's rows.

A ``HubOwnedViewSet`` declares how its model reaches a hub (``owned_by``) and which field names the owner
(``owner_field``, with ``owner_choices``). From that:

- its permission policy (``HubOwnedPermissionPolicy``, registered for the model, so bulk actions use it too)
  grants an action on a row only when the model permission is held *and* the row is in one of the user's hubs;
- the listing, the snippet chooser and every view of one row (edit, delete, copy, history, usage, inspect,
  revisions) see only the user's hubs' rows: another hub's row answers 404, as if it did not exist;
- the add/edit form offers only the user's hubs as owner (preset when there is one).

Superusers see every hub. Shared snippets (categories, synonyms) are kept by City staff and are not hub-owned.
"""

import functools

from django import forms
from django.contrib.admin.utils import unquote
from django.http import Http404
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import SnippetViewSet

from home.hub_scope import below
from home.hubs import hub_tree_roots, hubs_for_user

# Models whose rows belong to one hub, filled by HubOwnedViewSet (home.admin_routes narrows reports with it).
HUB_OWNED_MODELS = []


def sees_every_hub(user):
    return user.is_active and user.is_superuser


def hub_pages_q(hubs, field="path"):
    """A Q for pages (or rows reaching a page through ``field``) inside one of these hubs' page trees (in every
    language)."""
    return below([path for path, _hub in hub_tree_roots(hubs)], prefix=field[: -len("path")])


class HubOwnedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, limited to the rows of the user's hubs (superusers: every row)."""

    def __init__(self, model, owned_by):
        super().__init__(model)
        self.owned_by = owned_by  # hubs -> Q on the model

    def owned(self, user, queryset=None):
        queryset = self.model._default_manager.all() if queryset is None else queryset
        if sees_every_hub(user):
            return queryset
        return queryset.filter(self.owned_by(list(hubs_for_user(user))))

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        return instance.pk is None or self.owned(user).filter(pk=instance.pk).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        return self.owned(user, super().instances_user_has_any_permission_for(user, actions))


def owned_rows(request, model, queryset=None):
    return model.snippet_viewset.permission_policy.owned(request.user, queryset)


class HubOwnedChooseView(ChooseView):
    def get_object_list(self):
        return owned_rows(self.request, self.model_class, super().get_object_list())


class HubOwnedChooseResultsView(ChooseResultsView):
    def get_object_list(self):
        return owned_rows(self.request, self.model_class, super().get_object_list())


class HubOwnedChosenView(SnippetChosenView):
    def get_object(self, pk):
        return owned_rows(self.request, self.model_class).get(pk=pk)


class HubOwnedChosenMultipleView(SnippetChosenMultipleView):
    def get_objects(self, pks):
        return owned_rows(self.request, self.model_class).filter(pk__in=pks)


class HubOwnedChooserViewSet(SnippetChooserViewSet):
    choose_view_class = HubOwnedChooseView
    choose_results_view_class = HubOwnedChooseResultsView
    chosen_view_class = HubOwnedChosenView
    chosen_multiple_view_class = HubOwnedChosenMultipleView


class HubOwnedForm(WagtailAdminModelForm):
    """The owner field lists only the user's hubs (as a plain select), preset on a new row when there is one."""

    owner_field = None
    owner_choices = None  # staticmethod: hubs -> queryset of owners

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get(self.owner_field)
        if field is None or self.for_user is None:
            return
        field.required = True
        field.widget = forms.Select()
        field.queryset = self.owner_choices(list(hubs_for_user(self.for_user)))
        choices = list(field.queryset[:2])
        if self.instance.pk is None and len(choices) == 1:
            self.initial[self.owner_field] = choices[0].pk


class HubOwnedViewSet(SnippetViewSet):
    """A snippet viewset whose rows each belong to one hub. Subclasses set ``owner_field`` and define
    ``owned_by(hubs)`` (a Q on the model) and ``owner_choices(hubs)`` (a queryset for the owner field)."""

    chooser_viewset_class = HubOwnedChooserViewSet
    owner_field = None

    def __init__(self, *args, **kwargs):
        register_permission_policy(self.model, HubOwnedPermissionPolicy(self.model, self.owned_by), exact_class=True)
        HUB_OWNED_MODELS.append(self.model)
        super().__init__(*args, **kwargs)

    @staticmethod
    def owned_by(hubs):
        raise NotImplementedError

    @staticmethod
    def owner_choices(hubs):
        raise NotImplementedError

    def get_queryset(self, request):
        return self.permission_policy.owned(request.user)

    def get_edit_handler(self):
        form_class = type(
            f"{self.model.__name__}HubOwnedForm",
            (HubOwnedForm,),
            {"owner_field": self.owner_field, "owner_choices": staticmethod(self.owner_choices)},
        )
        return ObjectList(self.model.panels, base_form_class=form_class).bind_to_model(self.model)

    def get_urlpatterns(self):
        """Every view of one row (its ``pk`` in the URL) answers 404 for a row outside the user's hubs."""
        patterns = super().get_urlpatterns()
        for pattern in patterns:
            pattern.callback = self.owned_row_required(pattern.callback)
        return patterns

    def owned_row_required(self, view):
        @functools.wraps(view)
        def guarded(request, *args, **kwargs):
            pk = kwargs.get("pk")
            if pk is not None and request.user.is_authenticated and not self.may_open(request.user, pk):
                raise Http404
            return view(request, *args, **kwargs)

        return guarded

    def may_open(self, user, pk):
        """A row of the user's hubs; users without any right on the model are left to Wagtail (to the dashboard)."""
        policy = self.permission_policy
        if not policy.user_has_any_permission(user, {"add", "change", "delete", "view"}):
            return True
        return policy.owned(user).filter(pk=unquote(str(pk))).exists()
