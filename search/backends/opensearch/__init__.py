"""Scale-out engine: OpenSearch 2/3 (opensearch-py) or Elasticsearch 8 (elasticsearch-py).

Every query is an elasticsearch-dsl ``Search`` object; the matching client executes ``body=search.to_dict()``.
Two aliases, ``<prefix>-pages`` and ``<prefix>-directory-v5``, point at concrete indexes ``<alias>-<timestamp>``;
a rebuild fills a new index and swaps the alias in one atomic call (no downtime).

* ``client.py`` — connection, timeouts, errors, aliases, bulk writes;
* ``mappings.py`` — analysis settings and the two mappings;
* ``pages.py`` — site search (the database backend's Japanese recall, kuromoji and cjk for the score);
* ``listings.py`` — directory search (the same tiered scores, filters, order and facets as the database).
"""

from search.backends.opensearch.client import EngineClient
from search.backends.opensearch.listings import DirectorySearch
from search.backends.opensearch.pages import PageSearch


class OpenSearchEngine(PageSearch, DirectorySearch, EngineClient):
    pass


__all__ = ["OpenSearchEngine"]
