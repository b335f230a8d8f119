"""Which public URLs the browser tests and benches visit: one live page of every page type, plus the
views that are not pages (search results, 404). New page types are picked up without editing this file."""

from wagtail.models import Page, Site

# Views outside the page tree, as (label, path). Paths that 404 before their feature lands are skipped by
# `public_urls` (it keeps a view only if it answers 200), except the 404 page itself.
EXTRA_VIEWS = [
    ("search results", "/search/?q=%E3%81%AF%E3%81%A3%E3%81%A1"),  # はっち
    ("search, empty", "/search/"),
    ("not found", "/this-page-does-not-exist/"),
]


def page_type_urls():
    """(label, path) for the first live, public page of each page type under the default site."""
    site = Site.objects.get(is_default_site=True)
    seen = {}
    pages = Page.objects.live().public().descendant_of(site.root_page, inclusive=True).order_by("path")
    for page in pages.specific():
        label = type(page).__name__
        if label not in seen:
            seen[label] = page.relative_url(site)
    return sorted(seen.items())


def public_urls():
    return page_type_urls() + EXTRA_VIEWS
