"""The category and area choices of the directory's filter form, kept per process while the content is unchanged.

They are the same for every visitor of one language, so a process keeps the (slug, name) lists under the page
cache's content version (``cms.page_cache.per_version``: bumped by every saved category, area or page), one list per
language. The slugs are the Japanese rows' (the ones listings point to, so a filter gives the same places in every
language); the names are their translations in the reader's language where there is one. Without the page cache
they are read from the database every time.
"""

from django.conf import settings
from django.utils.translation import get_language

from cms.page_cache import forget, per_version
from resources_directory.models import Area, Category


def localized_pairs(model, language):
    rows = list(model.objects.in_default_locale().values_list("slug", "name", "translation_key"))
    names = {}
    if language != settings.LANGUAGE_CODE:
        translated = model.objects.filter(
            translation_key__in=[key for _slug, _name, key in rows], locale__language_code=language
        )
        names = dict(translated.values_list("translation_key", "name"))
    return [(slug, names.get(key, name)) for slug, name, key in rows]


def read_choices(language=None):
    language = language or get_language() or settings.LANGUAGE_CODE
    return {"category": localized_pairs(Category, language), "area": localized_pairs(Area, language)}


def snippet_choices(version=None):
    """{"category": [(slug, name), …], "area": [(slug, name), …]} in the snippets' order, named in the reader's
    language."""
    language = get_language() or settings.LANGUAGE_CODE
    return per_version(f"directory-choices-{language}", lambda: read_choices(language), version)


def clear():
    for code, _name in settings.LANGUAGES:
        forget(f"directory-choices-{code}")
