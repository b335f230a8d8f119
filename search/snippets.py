"""Highlighted snippets: a window of the page text around the first query term, terms wrapped in <mark>."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from search import japanese

WINDOW = 120


def _spans(text, terms):
    folded = japanese.fold(text)
    if len(folded) != len(text):  # rare characters whose lower case changes length: no highlight
        return []
    spans = []
    for term in terms:
        start = 0
        while term and (pos := folded.find(term, start)) >= 0:
            spans.append((pos, pos + len(term)))
            start = pos + len(term)
    spans.sort()
    merged = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def highlight(text, query, window=WINDOW):
    """Safe HTML: up to `window` characters of `text` around the first match of `query`, matches marked."""
    text = text or ""
    spans = _spans(text, japanese.highlight_terms(query))
    start = max(0, spans[0][0] - window // 3) if spans else 0
    end = min(len(text), start + window)
    out, pos = [], start
    if start > 0:
        out.append("…")
    for s, e in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        out.append(escape(text[pos:s]))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        pos = e
    out.append(escape(text[pos:end]))
    if end < len(text):
        out.append("…")
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above
