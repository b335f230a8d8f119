"""Admin page for superusers: the hubs of this installation, and a form that adds one (/admin/hubs/).

Adding a hub calls ``home.hub_setup.create_hub``, as ``manage.py create_hub`` does: its site, home page and
sections, its three staff groups, its collection and its approval workflows.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.validators import RegexValidator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Site

from home.hub_setup import HubError, create_hub
from home.hubs import all_hubs
from home.models import HubSettings
from home.permissions import STAFF_ROLES

hostname_validator = RegexValidator(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$",
    gettext_lazy("Enter a host name such as tsubasa.example.jp (latin letters, digits, hyphens and dots)."),
)
slug_validator = RegexValidator(
    r"^[a-z0-9]+(-[a-z0-9]+)*$", gettext_lazy("Use lower-case latin letters, digits and single hyphens only.")
)


class HubForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Hub name"), max_length=100, help_text=gettext_lazy("E.g. 港南区地域子育て支援拠点 はっち")
    )
    ward = forms.CharField(label=gettext_lazy("Ward"), max_length=50, help_text=gettext_lazy("E.g. 港南区"))
    hostname = forms.CharField(
        label=gettext_lazy("Host name"),
        max_length=255,
        validators=[hostname_validator],
        help_text=gettext_lazy("The address the hub's site answers to, without http:// (e.g. konan.example.jp)."),
    )
    port = forms.IntegerField(label=gettext_lazy("Port"), initial=80, min_value=1, max_value=65535)
    slug = forms.CharField(
        label=gettext_lazy("Hub key"),
        max_length=50,
        validators=[slug_validator],
        help_text=gettext_lazy("A short latin key used in addresses and filters, e.g. konan."),
    )
    operator = forms.CharField(
        label=gettext_lazy("Operator"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("The NPO or company that runs the hub."),
    )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if HubSettings.objects.filter(hub_name=name).exists():
            raise forms.ValidationError(_("A hub with this name already exists."))
        if Group.objects.filter(name__in=[f"{name}: {role}" for role in STAFF_ROLES]).exists():
            raise forms.ValidationError(_("Staff groups named after this name already exist: choose another name."))
        return name

    def clean_hostname(self):
        return self.cleaned_data["hostname"].strip().lower()

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if HubSettings.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("Another hub already uses this key."))
        return slug

    def clean(self):
        cleaned = super().clean()
        hostname, port = cleaned.get("hostname"), cleaned.get("port")
        if hostname and port and Site.objects.filter(hostname=hostname, port=port).exists():
            self.add_error("hostname", _("A site already answers at this host name and port."))
        return cleaned


def hub_rows():
    return [
        {"hub": hub, "site": hub.site, "groups": [hub.group(role) for role in STAFF_ROLES]}
        for hub in all_hubs().select_related("editors", "ward_reviewers", "managers", "collection")
    ]


def hubs(request):
    if not request.user.is_superuser:
        raise PermissionDenied
    form = HubForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                hub = create_hub(**form.cleaned_data)
            except HubError as error:
                form.add_error(None, _("The hub could not be created: %(reason)s") % {"reason": error})
            else:
                messages.success(request, _("Hub %(hub)s created with its site, groups and collection.") % {"hub": hub})
                return redirect("home_hubs")
        status = 400
    context = {"form": form, "rows": hub_rows(), "page_title": _("Hubs")}
    return TemplateResponse(request, "home/admin/hubs.html", context, status=status)
