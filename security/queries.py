"""Public search input: what a query may contain before it reaches a search backend."""

import re
import unicodedata

MAX_QUERY_LENGTH = 100
_UNSAFE = re.compile(r'["\x00-\x1f\x7f]')  # a lone double quote breaks SQLite FTS5 MATCH (found by fuzzing)


def safe_search_query(raw, max_length=MAX_QUERY_LENGTH):
    """Cap the length, drop control characters and double quotes, collapse (full-width) whitespace."""
    text = _UNSAFE.sub(" ", (raw or "")[: max_length * 4])
    text = " ".join(part for part in re.split(r"\s+", text) if part)
    return unicodedata.normalize("NFC", text)[:max_length].strip()
