"""Plain text of any indexed Wagtail page, from its own ``search_fields`` (new page types need no code here)."""

import unicodedata

from django.utils.encoding import force_str
from django.utils.html import strip_tags
from modelsearch.index import RelatedFields, SearchField
from wagtail.models import Page, get_page_models


def _as_text(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return strip_tags(value)
    if isinstance(value, (list, tuple)):
        return " ".join(_as_text(v) for v in value)
    if isinstance(value, dict):
        return " ".join(_as_text(v) for v in value.values())
    return strip_tags(force_str(value))


def _field_texts(obj, fields):
    for field in fields:
        if isinstance(field, SearchField):
            yield field.field_name, _as_text(field.get_value(obj))
        elif isinstance(field, RelatedFields):
            related = field.get_value(obj)
            if related is None:
                continue
            if hasattr(related, "all"):
                related = related.all()
            elif callable(related):
                related = [related()]
            else:
                related = [related]
            for sub in related:
                for _name, text in _field_texts(sub, field.fields):
                    yield field.field_name, text


def page_text(page):
    """(title, body) of a specific page from its search fields; body is NFKC-normalised, whitespace collapsed."""
    title, body = [], []
    for name, text in _field_texts(page, page.get_search_fields()):
        if not text.strip():
            continue
        (title if name == "title" else body).append(text)
    body_text = " ".join(" ".join(body).split())
    title_text = " ".join(title) or page.title
    return unicodedata.normalize("NFKC", title_text), unicodedata.normalize("NFKC", body_text)


def page_type_key(page_or_model):
    meta = page_or_model._meta
    return f"{meta.app_label}.{meta.model_name}"


def document_key(obj):
    """Stable id of an object's document in the engine: "app.model:pk" of its concrete model."""
    model = obj._meta.concrete_model
    if hasattr(obj, "specific_class") and obj.specific_class is not None:
        model = obj.specific_class
    return f"{page_type_key(model)}:{obj.pk}"


def page_types():
    """{"app.model": model} for every page type that has search fields, except the abstract root."""
    return {page_type_key(m): m for m in get_page_models() if m is not Page and m.get_search_fields()}
