"""Admin import of a published evaluation (/admin/goals/import/): upload → preview → confirm → draft.

The upload is parsed and shown (header fields, every goal with its actions, results and issues, next year's
goals, warnings, the lines left out); nothing is saved until the user confirms. The confirmation posts back the
signed preview (goals.importer.preview), never the file. Users import only into evaluations indexes where they
may add pages: their own hub's.
"""

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from goals.importer.builder import build, check_year_is_free, warnings, year_labels
from goals.importer.parser import ImportError_
from goals.importer.preview import sign, unsign
from goals.management.commands.import_evaluation import read_document
from goals.models import EvaluationIndexPage, EvaluationPage
from home.hubs import hub_for_request

MAX_UPLOAD_BYTES = 1024 * 1024


def indexes_for(user):
    """Evaluations index pages below which this user may create evaluation documents."""
    allowed = []
    for index_page in EvaluationIndexPage.objects.all():
        if index_page.permissions_for_user(user).can_add_subpage() and EvaluationPage.can_create_at(index_page):
            allowed.append(index_page.pk)
    return EvaluationIndexPage.objects.filter(pk__in=allowed)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Evaluation file"),
        help_text=gettext_lazy(
            "The published text (UTF-8 or Shift_JIS), e.g. copied from the ward's web page, or an Excel workbook "
            "(.xlsx) exported here."
        ),
    )
    evaluation_index = forms.ModelChoiceField(
        queryset=EvaluationIndexPage.objects.none(), label=gettext_lazy("Evaluations of"), empty_label=None
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evaluation_index"].queryset = indexes_for(user)
        self.user = user

    def clean(self):
        cleaned = super().clean()
        upload, index = cleaned.get("file"), cleaned.get("evaluation_index")
        if upload is None or index is None:
            return cleaned
        if upload.size > MAX_UPLOAD_BYTES:
            self.add_error("file", _("The file is larger than 1 MB."))
            return cleaned
        try:
            cleaned["parsed"] = parsed = read_document(upload.read())
            check_year_is_free(parsed, index)
        except ImportError_ as error:
            self.add_error("file", str(error))
        return cleaned


def initial_index(request, indexes):
    """The evaluations index of the hub whose admin this is, when the user may import there."""
    hub = hub_for_request(request)
    for index_page in indexes:
        if hub is not None and index_page.path.startswith(hub.site.root_page.path):
            return index_page.pk
    return None


def render_form(request, form, status=200, error=None):
    context = {"form": form, "page_title": _("Import an evaluation"), "error": error}
    return TemplateResponse(request, "goals/admin/import.html", context, status=status)


def render_preview(request, parsed, index_page):
    context = {
        "page_title": _("Check the import"),
        "parsed": parsed,
        "index_page": index_page,
        "year_label": year_labels(parsed)[0],
        "next_year_label": year_labels(parsed)[1],
        "warnings": warnings(parsed, index_page),
        "payload": sign(parsed, request.user, index_page),
    }
    return TemplateResponse(request, "goals/admin/import_preview.html", context)


def confirm(request, indexes):
    """Build the draft from the signed preview: the same user, an index they may still import into."""
    try:
        parsed, index_id = unsign(request.POST.get("payload", ""), request.user)
        index_page = indexes.get(pk=index_id)
    except (signing.BadSignature, EvaluationIndexPage.DoesNotExist, ValueError, TypeError, KeyError):
        error = _("The preview has expired or was changed. Upload the file again.")
        return render_form(request, ImportForm(user=request.user), status=400, error=error)
    try:
        with transaction.atomic():
            page = build(parsed, index_page, user=request.user)
    except ImportError_ as error:
        form = ImportForm(user=request.user, initial={"evaluation_index": index_page.pk})
        return render_form(request, form, status=400, error=str(error))
    messages.success(request, _("Imported as a draft: %(title)s") % {"title": page.title})
    return redirect(reverse("wagtailadmin_pages:edit", args=(page.pk,)))


def import_evaluation(request):
    indexes = indexes_for(request.user)
    if not indexes.exists():
        raise PermissionDenied
    if request.method == "POST" and "payload" in request.POST:
        return confirm(request, indexes)
    if request.method != "POST":
        return render_form(
            request, ImportForm(user=request.user, initial={"evaluation_index": initial_index(request, indexes)})
        )
    form = ImportForm(request.POST, request.FILES, user=request.user)
    if not form.is_valid() or "parsed" not in form.cleaned_data:
        return render_form(request, form, status=400)
    return render_preview(request, form.cleaned_data["parsed"], form.cleaned_data["evaluation_index"])


def export_evaluation(request, page_id, kind):
    """The latest revision (drafts too) as text or .xlsx, for the staff who may edit the document."""
    page = EvaluationPage.objects.filter(pk=page_id).first()
    if page is None or not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page.get_latest_revision_as_object().download(kind, disposition="attachment")
