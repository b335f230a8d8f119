"""Page numbers for result objects (site search, directory search)."""

import math


class PageNumbers:
    """Adds num_pages, has_next and has_previous to a result with ``count``, ``page`` and ``per_page``."""

    @property
    def num_pages(self):
        return max(1, math.ceil(self.count / self.per_page))

    @property
    def has_next(self):
        return self.page < self.num_pages

    @property
    def has_previous(self):
        return self.page > 1
