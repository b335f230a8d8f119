"""Which language a page is written in, and where its versions in the other languages are.

Wagtail keeps one page tree per locale for each hub: the Japanese tree is the hub's Site root, its translations
(wagtail-localize) are siblings under the tree root, linked by ``translation_key``. A page without a version in the
reader's language is served from the Japanese tree under the reader's prefix (``languages.views.serve``), so every
language has a URL for every page.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page

DEFAULT_LANGUAGE = settings.LANGUAGE_CODE
# BCP 47 tags for the HTML lang and hreflang attributes where the Django code is not one: やさしい日本語 is
# Japanese (assistive technology reads it with a Japanese voice), marked as a private-use variant.
BCP47 = {"zh-hans": "zh-Hans", "ja-easy": "ja-x-easy"}


def bcp47(code):
    return BCP47.get(code, code)


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def language_name(code):
    return dict(settings.LANGUAGES).get(code, code)


def active_language():
    return translation.get_language() or DEFAULT_LANGUAGE


def default_locale():
    return Locale.objects.get(language_code=DEFAULT_LANGUAGE)


def content_language(page):
    """The language the reader actually gets from this page: an alias shows its original's content."""
    source = page.alias_of if page.alias_of_id else page
    return source.locale.language_code


def relative_path(page, site_root):
    """The page's path below its site's root page, as the URL path inside a language prefix ('' for the home)."""
    return page.url_path[len(site_root.url_path) :]


def url_in_language(path, code):
    """The URL of a Wagtail page path (relative to the site root) under the language's prefix."""
    with translation.override(code):
        return reverse("wagtail_serve", args=(path,))


def original(page):
    """The page in the default locale this page translates (itself when it is one, or when there is none)."""
    if page.locale.language_code == DEFAULT_LANGUAGE:
        return page
    found = Page.objects.filter(translation_key=page.translation_key, locale__language_code=DEFAULT_LANGUAGE).first()
    return found.specific if found else page


def live_versions(page):
    """{language code: live page} for the page and its live translations (aliases left out: not a translation)."""
    rows = (
        Page.objects.filter(translation_key=page.translation_key, live=True, alias_of__isnull=True)
        .select_related("locale")
        .order_by("pk")
    )
    return {row.locale.language_code: row for row in rows}


def localized_menu(site, pages, request=None):
    """The site's Japanese menu pages, each replaced by its live version in the active language (``menu_url`` set:
    that version's URL, else the Japanese page under the language's prefix). Two queries whatever the length."""
    pages = list(pages)
    language = active_language()
    translated = {}
    if language != DEFAULT_LANGUAGE and pages:
        rows = Page.objects.filter(
            translation_key__in=[page.translation_key for page in pages],
            locale__language_code=language,
            live=True,
            alias_of__isnull=True,
        )
        translated = {row.translation_key: row for row in rows}
    items = []
    for page in pages:
        item = translated.get(page.translation_key)
        if item is not None:
            item.menu_url = item.get_url(request)
        else:
            item = page
            item.menu_url = url_in_language(relative_path(page, site.root_page), language)
        items.append(item)
    return items
