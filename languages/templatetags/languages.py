"""What the page template needs to say about languages: ``{% page_languages as languages %}`` gives

- ``html_lang``: the reader's language (BCP 47), for ``<html lang>``;
- ``content_code``/``content_lang``: the language the page's own content is in (Japanese when it is not translated);
- ``notice``: "untranslated" or "official" (a Japanese-only record) when the content is not in the reader's language;
- ``easy_url``: the やさしい日本語 version of a Japanese page, when there is one;
- ``alternates``: ``(hreflang, absolute URL)`` of every live version of the page, and ``x-default`` (the Japanese);
- ``switcher``: ``(code, name, lang, URL, current)`` for every language: the page's version in that language, else
  the page under that language's prefix (served in Japanese with the notice). The reader stays on the same page.
"""

from django import template
from django.urls import translate_url
from wagtail.models import Page, Site

from languages.locales import (
    DEFAULT_LANGUAGE,
    active_language,
    bcp47,
    content_language,
    language_codes,
    language_name,
    live_versions,
    original,
    relative_path,
    url_in_language,
)

register = template.Library()

EASY = "ja-easy"
# Views (not Wagtail pages) whose text has a やさしい日本語 version in locale/ja_Easy: the Japanese page links to it.
EASY_VIEWS = {"resources_directory:journey"}


def page_urls(page, request):
    """{code: URL} for every language, and the live versions {code: page}."""
    source = original(page.alias_of.specific if page.alias_of_id else page)
    versions = live_versions(source)
    site = Site.find_for_request(request)
    in_site = site is not None and source.path.startswith(site.root_page.path)
    urls = {}
    for code in language_codes():
        if code in versions:
            urls[code] = versions[code].get_url(request)
        elif in_site:
            urls[code] = url_in_language(relative_path(source, site.root_page), code)
    return urls, versions


@register.simple_tag(takes_context=True)
def page_languages(context):
    request = context.get("request")
    page = context.get("page")
    current = active_language()
    result = {
        "html_lang": bcp47(current),
        "content_code": current,
        "content_lang": bcp47(current),
        "notice": None,
        "easy_url": None,
        "alternates": [],
        "switcher": [],
    }
    if request is None:
        return result
    if isinstance(page, Page):
        content = content_language(page)
        if content != current:
            result.update(content_code=content, content_lang=bcp47(content))
            result["notice"] = "official" if getattr(page, "japanese_only", False) else "untranslated"
        urls, versions = page_urls(page, request)
        alternates = [code for code in language_codes() if code in versions]
        if current == DEFAULT_LANGUAGE and content == DEFAULT_LANGUAGE and EASY in versions:
            result["easy_url"] = urls[EASY]
    else:
        path = request.path
        urls = {code: translate_url(path, code) for code in language_codes()}
        alternates = language_codes()
        match = getattr(request, "resolver_match", None)
        if current == DEFAULT_LANGUAGE and match is not None and match.view_name in EASY_VIEWS:
            result["easy_url"] = urls[EASY]
    query = request.GET.urlencode()
    result["switcher"] = [
        (code, language_name(code), bcp47(code), urls[code] + (f"?{query}" if query else ""), code == current)
        for code in language_codes()
        if code in urls
    ]
    result["alternates"] = [(bcp47(code), request.build_absolute_uri(urls[code])) for code in alternates]
    if DEFAULT_LANGUAGE in urls and result["alternates"]:
        result["alternates"].append(("x-default", request.build_absolute_uri(urls[DEFAULT_LANGUAGE])))
    return result
