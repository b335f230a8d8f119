"""Two-factor authentication (TOTP, django-otp) for the admin: who needs it, and the enrol/verify page."""

import segno
from django import forms
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from home.hubs import is_manager
from home.permissions import CITY_STAFF


def needs_two_factor(user):
    """Managers of any hub, city staff and superusers must use a second factor; anyone else who has enrolled one
    must use it too."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or is_manager(user) or user.groups.filter(name=CITY_STAFF).exists():
        return True
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("6-digit code from your authenticator app"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self):
        token = self.cleaned_data["token"].strip()
        if not token.isdigit() or not self.device.verify_token(token):
            raise forms.ValidationError(_("The code is wrong or has expired. Try the current code."))
        return token


def _next_url(request):
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(candidate, {request.get_host()}, require_https=request.is_secure()):
        return candidate
    return "/admin/"


def two_factor(request):
    """Enrol a TOTP device (QR code + secret) when the user has none, otherwise ask for the current code."""
    user = request.user
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    enrolling = device is None
    if enrolling:
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first() or TOTPDevice.objects.create(
            user=user, name="default", confirmed=False
        )
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        if enrolling:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
        request.session.cycle_key()
        otp_login(request, device)
        return redirect(_next_url(request))
    context = {"form": form, "enrolling": enrolling, "next": _next_url(request), "verified": user.is_verified()}
    if enrolling:
        context["qr_svg"] = mark_safe(segno.make(device.config_url, error="m").svg_inline(scale=4))  # noqa: S308
        context["secret"] = device.config_url.split("secret=")[1].split("&")[0]
    return TemplateResponse(request, "security/two_factor.html", context, status=400 if form.errors else 200)
