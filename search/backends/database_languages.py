"""One language group of the site search on the database (search.languages): the pages of a locale, less those
translated into the reader's language."""

from wagtail.models import Page

from search import languages


def in_language(pages, code, translated_to=""):
    """``pages`` in the locale(s) of language ``code`` (no filter when every locale is), without the pages that have
    a live translation into ``translated_to``."""
    ids, every_locale = languages.locale_ids(code)
    if not every_locale:
        pages = pages.filter(locale_id__in=ids)
    if translated_to:
        translated = Page.objects.live().filter(locale__language_code=translated_to)
        pages = pages.exclude(translation_key__in=translated.values("translation_key"))
    return pages
