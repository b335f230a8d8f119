import os

import pytest

from home.factories import StandardPageFactory
from tests.search.corpus import PAGES

ENGINE_URL = os.environ.get("SEARCH_ENGINE_URL", "")
# Which engine the node at SEARCH_ENGINE_URL is: "opensearch" (scripts/opensearch) or "elasticsearch"
# (scripts/elasticsearch). It is also the backend name the engine reports (X-Search-Backend, "backend").
ENGINE_KIND = os.environ.get("SEARCH_ENGINE_KIND", "opensearch")
ENGINE_NAME = ENGINE_KIND


@pytest.fixture
def corpus(home):
    """The test set's pages, published under the hub's home page; {slug: page}."""
    pages = {}
    for slug, (title, intro) in PAGES.items():
        pages[slug] = StandardPageFactory(parent=home, slug=slug, title=title, intro=intro)
    return pages


@pytest.fixture
def engine_settings(settings):
    settings.SEARCH_ENGINE_URL = ENGINE_URL
    settings.SEARCH_ENGINE_KIND = ENGINE_KIND
    settings.SEARCH_ENGINE_INDEX_PREFIX = f"test-{os.getpid()}"
    yield settings


@pytest.fixture
def opensearch(engine_settings):
    from search.backends.opensearch import OpenSearchEngine

    engine = OpenSearchEngine.from_settings()
    yield engine
    engine.client.indices.delete(index=f"{engine.prefix}-*", ignore_unavailable=True)
