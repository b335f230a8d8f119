"""The admin login form with every label translated.

Wagtail's LoginForm leaves the password field without a label (Django then shows the English field name,
"Password") and its Japanese catalogue lacks "Remember me", so the Japanese login page was half English.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm


class TranslatedLoginForm(LoginForm):
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"placeholder": _("Enter password")}),
    )
    remember = forms.BooleanField(label=_("Remember me"), required=False)
