"""Which public URLs the browser tests and benches visit: one live page of every page type, plus the
views that are not pages (search results, 404). New page types are picked up without editing this file."""

from wagtail.models import Page, Site

# Views outside the page tree and other states of a page, as (label, path).
EXTRA_VIEWS = [
    ("search results", "/search/?q=%E3%81%AF%E3%81%A3%E3%81%A1"),  # はっち
    ("search, empty", "/search/"),
    ("生まれたら", "/umaretara/"),
    ("directory results", "/directory/?postal_code=2330004&age_months=3"),
    ("directory, bad input", "/directory/?age_months=abc"),
    ("programs calendar", "/programs/?view=calendar"),
    ("evaluations timeline", "/evaluations/timeline/"),
    ("evaluations retrospective", "/evaluations/retrospective/2021/"),
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
