from django import forms
from django.utils.translation import gettext_lazy as _

from home.hub_scope import HubChoiceField
from security.queries import MAX_QUERY_LENGTH  # one cap for every public search box and the API

MAX_PAGE = 1000


class SearchForm(forms.Form):
    """GET parameters of /search/ and /api/v1/search/; invalid values → 400 with field messages."""

    q = forms.CharField(label=_("Search"), required=False, max_length=MAX_QUERY_LENGTH, strip=True)
    type = forms.MultipleChoiceField(label=_("Page type"), required=False, choices=())
    page = forms.IntegerField(label=_("Result page"), required=False, min_value=1, max_value=MAX_PAGE)
    hub = HubChoiceField(label=_("Hubs"), required=False, choices=())

    def __init__(self, *args, type_choices=(), hub_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = list(type_choices)
        self.fields["hub"].choices = list(hub_choices)

    def clean_page(self):
        return self.cleaned_data.get("page") or 1
