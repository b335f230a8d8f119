"""Admin upload form: import a published evaluation text as a draft (/admin/goals/import/)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from goals.importer.builder import build
from goals.importer.parser import ImportError_, parse
from goals.management.commands.import_evaluation import read_text
from goals.models import EvaluationIndexPage, EvaluationPage

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
        label=gettext_lazy("Evaluation text file"),
        help_text=gettext_lazy("The published text (UTF-8 or Shift_JIS), e.g. copied from the ward's web page."),
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
        upload = cleaned.get("file")
        if upload is None:
            return cleaned
        if upload.size > MAX_UPLOAD_BYTES:
            self.add_error("file", _("The file is larger than 1 MB."))
            return cleaned
        try:
            cleaned["parsed"] = parse(read_text(upload.read()))
        except ImportError_ as error:
            self.add_error("file", str(error))
        return cleaned


def import_evaluation(request):
    if not indexes_for(request.user).exists():
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                with transaction.atomic():
                    page = build(form.cleaned_data["parsed"], form.cleaned_data["evaluation_index"], user=request.user)
            except ImportError_ as error:
                form.add_error("file", str(error))
            else:
                messages.success(request, _("Imported as a draft: %(title)s") % {"title": page.title})
                return redirect(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
        status = 400
    return TemplateResponse(
        request, "goals/admin/import.html", {"form": form, "page_title": _("Import an evaluation")}, status=status
    )
