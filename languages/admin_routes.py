"""wagtail-localize's "translate" and "sync translations" views, kept to the translator's own hub.

wagtail-localize checks only its global ``submit_translation`` permission before it copies a page or a snippet into
another locale (the translation editor, its PO download and upload then check the right to edit the copy, which
``languages.signals`` gives to the hub's own groups only). Included before Wagtail's admin URLs (cms/urls.py), these
routes first ask for the right to edit the original: a page of one of the user's hubs, a hub-owned snippet (an area)
of one of them, a shared snippet (a category) its keepers may change. Japanese-only pages (evaluation documents, the
hub's official record: ``japanese_only``) are never translated: 404, and a subtree translation leaves them out.

Its translations report lists only the translations of what the user may translate (``HubTranslationsReportView``):
before, any editor saw the titles of every hub's translated pages there.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.models import Page, TranslatableMixin, get_translatable_models
from wagtail.permissions import policy_registry
from wagtail.snippets.views.snippets import get_snippet_model_from_url_params
from wagtail_localize.models import TranslationSource
from wagtail_localize.views.report import TranslationsReportView
from wagtail_localize.views.submit_translations import SubmitPageTranslationView, SubmitSnippetTranslationView
from wagtail_localize.views.update_translations import UpdateTranslationsView


def is_japanese_only(page):
    return getattr(page.specific_class, "japanese_only", False)


def may_translate(user, instance):
    if isinstance(instance, Page):
        return not is_japanese_only(instance) and instance.permissions_for_user(user).can_edit()
    return policy_registry.get_by_type(type(instance)).user_has_permission_for_instance(user, "change", instance)


def check(user, instance):
    if isinstance(instance, Page) and is_japanese_only(instance):
        raise Http404
    if not may_translate(user, instance):
        raise PermissionDenied


@require_admin_access
def submit_page(request, page_id):
    page = get_object_or_404(Page, id=page_id)
    check(request.user, page)
    if request.method == "POST" and any(map(is_japanese_only, page.get_descendants())):
        request.POST = request.POST.copy()
        request.POST.pop("include_subtree", None)
    return SubmitPageTranslationView.as_view()(request, page_id=page_id)


@require_admin_access
def submit_snippet(request, app_label, model_name, pk):
    model = get_snippet_model_from_url_params(app_label, model_name)
    if not issubclass(model, TranslatableMixin):
        raise Http404
    check(request.user, get_object_or_404(model, pk=pk))
    return SubmitSnippetTranslationView.as_view()(request, app_label=app_label, model_name=model_name, pk=pk)


@require_admin_access
def update(request, translation_source_id):
    source = get_object_or_404(TranslationSource, id=translation_source_id)
    instance = source.get_source_instance()
    check(request.user, instance)
    return UpdateTranslationsView.as_view()(request, translation_source_id=translation_source_id)


def translatable_by(user):
    """A Q on wagtail-localize's Translation: those whose source (a page, a snippet) the user may change."""
    if user.is_superuser:
        return Q()
    allowed = Q(pk__in=[])
    for model in get_translatable_models():
        editable = policy_registry.get_by_type(model).instances_user_has_permission_for(user, "change")
        keys = editable.values("translation_key")
        allowed |= Q(source__object__content_type=ContentType.objects.get_for_model(model), source__object_id__in=keys)
    return allowed


class HubTranslationsReportView(TranslationsReportView):
    def get_queryset(self):
        return super().get_queryset().filter(translatable_by(self.request.user)).order_by("-created_at", "-pk")


urlpatterns = [
    path("localize/submit/page/<int:page_id>/", submit_page),
    path("localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/", submit_snippet),
    path("localize/update/<int:translation_source_id>/", update),
    path("localize/reports/translations/", never_cache(require_admin_access(HubTranslationsReportView.as_view()))),
    path(
        "localize/reports/translations/results/",
        never_cache(require_admin_access(HubTranslationsReportView.as_view(results_only=True))),
    ),
]
