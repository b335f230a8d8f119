import pytest

from home.factories import StandardPageFactory
from tests.search.corpus import PAGES


@pytest.fixture
def corpus(home):
    """The test set's pages, published under the hub's home page; {slug: page}."""
    pages = {}
    for slug, (title, intro) in PAGES.items():
        pages[slug] = StandardPageFactory(parent=home, slug=slug, title=title, intro=intro)
    return pages
