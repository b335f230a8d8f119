"""Search in the reader's language: per-language text analysis, the locales a search looks in, and their order.

Every page has a Wagtail ``locale``. A search is asked in the reader's language (``locale=``, from the request)
and looks in two groups, one after the other:

1. the pages in the reader's locale, their words analysed for that language;
2. then the Japanese (default-locale) pages that have no live translation in the reader's locale, analysed as
   Japanese (the query too). A Japanese reader has one group.

Results: the first group (in its own order), then the second; counts and facet counts are their sums. The order
is made here, once, from each backend's answer for one group (``search_pages``, ``search_listings``), so it is
the same on SQLite, PostgreSQL and the engine.

Analysis (``index_text`` / ``query_terms``): Japanese as ``search.japanese`` (bigrams, readings, normal forms);
English: lower case, Porter stems (``search.english``: nursing rooms → ``nurs room``); every other language:
lower-case words whole (Vietnamese) and overlapping bigrams for runs of Han, kana or Hangul (Chinese, Korean),
plus each such character once. A query term matches as its tokens in a row, as in Japanese.
"""

import re
import unicodedata
from dataclasses import dataclass, replace

from django.conf import settings

from search import english, japanese

_RUN = re.compile(r"[^\W_]+")
_CJK = "\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_CJK_SPLIT = re.compile(f"([{_CJK}]+)")
_CJK_CHAR = re.compile(f"[{_CJK}]")


def default_language():
    return settings.LANGUAGE_CODE.lower()


def content_languages():
    """The language codes pages can have (WAGTAIL_CONTENT_LANGUAGES, else LANGUAGES), the default first."""
    pairs = getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", None) or settings.LANGUAGES
    codes = [code.lower() for code, _name in pairs]
    return [default_language()] + [code for code in codes if code != default_language()]


def reader_language(code):
    """The content language for a request's language code: itself, its base (en-us → en, zh → zh-hans), or the
    default language."""
    code = (code or "").lower().replace("_", "-")
    known = content_languages()
    if code in known:
        return code
    base = code.split("-")[0]
    return next((c for c in known if c.split("-")[0] == base), default_language()) if base else default_language()


def analysis(code):
    """How a language's text is analysed: "ja" (also やさしい日本語, ja-*), "en", or "other"."""
    base = (code or default_language()).split("-")[0]
    return base if base in ("ja", "en") else "other"


# --- analysis ---------------------------------------------------------------------------------------------------


def _words(folded, language):
    out = []
    for run in _RUN.findall(folded):
        for part in _CJK_SPLIT.split(run):
            if not part:
                continue
            if _CJK_CHAR.match(part):
                out.extend([part] if len(part) == 1 else [part[i : i + 2] for i in range(len(part) - 1)])
            else:
                out.append(english.stem(part) if language == "en" else part)
    return out


def index_text(text, code):
    """The token stream of ``text`` written in language ``code``."""
    language = analysis(code)
    if language == "ja":
        return japanese.index_text(text)
    if not text or not text.strip():
        return ""
    folded = japanese.fold(text)
    single = sorted({ch for ch in folded if _CJK_CHAR.match(ch)})
    return " ".join(_words(folded, language) + single)


def query_terms(query, code):
    """The query's terms for documents in language ``code``: each a list of alternative token sequences."""
    language = analysis(code)
    if language == "ja":
        return japanese.query_terms(query)
    terms = []
    for raw in unicodedata.normalize("NFKC", query or "").split():
        sequence = _words(japanese.fold(raw), language)
        if sequence:
            terms.append([sequence])
    return terms


def loose_tokens(query, code):
    """Any of these tokens: the second, forgiving try (queries of three characters or more)."""
    if analysis(code) == "ja":
        return japanese.loose_tokens(query)
    folded = [japanese.fold(raw) for raw in unicodedata.normalize("NFKC", query or "").split()]
    if sum(len(f) for f in folded) < 3:
        return []
    return list(dict.fromkeys(token for f in folded for token in _words(f, analysis(code))))


# --- locales of pages -------------------------------------------------------------------------------------------

_locale_codes = {}


def locale_code(locale_id):
    """The language code of a Locale id (read once per process; a new locale is read when first seen)."""
    if locale_id is None:
        return default_language()
    if locale_id not in _locale_codes:
        from wagtail.models import Locale

        _locale_codes.clear()
        _locale_codes.update(Locale.objects.values_list("pk", "language_code"))
    return _locale_codes.get(locale_id, default_language()).lower()


def locale_ids(code):
    """(ids of the Locales of language ``code``, whether every Locale is one of them), read now (and cached)."""
    from wagtail.models import Locale

    _locale_codes.clear()
    _locale_codes.update((pk, language.lower()) for pk, language in Locale.objects.values_list("pk", "language_code"))
    ids = sorted(pk for pk, language in _locale_codes.items() if language == code)
    return ids, len(ids) == len(_locale_codes)


def language_of(obj):
    """The language code of a page (its locale); the default language for anything without one."""
    return locale_code(getattr(obj, "locale_id", None))


def translations(pages):
    """{page id: sorted language codes of its other live translations} for these pages, in one query."""
    from wagtail.models import Page

    keys = {p.translation_key for p in pages if getattr(p, "translation_key", None)}
    found = {}
    rows = Page.objects.live().filter(translation_key__in=keys).values_list("translation_key", "locale_id", "pk")
    for key, locale_id, pk in rows:
        found.setdefault(key, []).append((pk, locale_code(locale_id)))
    return {
        p.pk: sorted({code for pk, code in found.get(getattr(p, "translation_key", None), []) if pk != p.pk})
        for p in pages
    }


def sources(pages):
    """{page id: (id, path) of the page in the default locale with the same translation key} (itself for a page of
    the default locale, or when it has no such source): a translated listing belongs to its source's hub and
    directory."""
    from wagtail.models import Page

    default = default_language()
    out = {p.pk: (p.pk, p.path) for p in pages}
    others = {p.translation_key: p.pk for p in pages if language_of(p) != default}
    if others:
        rows = Page.objects.filter(translation_key__in=others, locale__language_code=default)
        for key, pk, path in rows.values_list("translation_key", "pk", "path"):
            out[others[key]] = (pk, path)
    return out


def source_id(page):
    """The id of the default-locale version of a page (itself when it is in the default locale)."""
    return sources([page])[page.pk][0] if page is not None else None


def translated_roots(paths, code):
    """The tree paths of the translations into ``code`` of the pages at ``paths`` (a hub's home in English)."""
    from wagtail.models import Page

    if not paths:
        return []
    keys = Page.objects.filter(path__in=paths).values("translation_key")
    rows = Page.objects.filter(translation_key__in=keys, locale__language_code=code)
    return sorted(set(paths) | set(rows.values_list("path", flat=True)))


# --- groups and the order of results ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    code: str  # the locale's language code the pages of this group have
    exclude_translated_to: str = ""  # leave out pages with a live translation into this language

    @property
    def default(self):
        return self.code == default_language()


def groups_for(locale):
    """The groups a search in the reader's language ``locale`` looks in, in the order of the results."""
    reader = reader_language(locale or default_language())
    if reader == default_language():
        return [Group(reader)]
    return [Group(reader), Group(default_language(), exclude_translated_to=reader)]


def merge_counts(dicts):
    total = {}
    for counts in dicts:
        for key, n in counts.items():
            total[key] = total.get(key, 0) + n
    return total


def _merge_type_facets(parts):
    from search.engine import Facet

    merged = {}
    for part in parts:
        for facet in part.facets.get("type", []):
            if facet.key in merged:
                merged[facet.key].count += facet.count
            else:
                merged[facet.key] = Facet(facet.key, facet.label, facet.count, facet.selected)
    return sorted(merged.values(), key=lambda f: (-f.count, f.label))


def _backend_of(parts):
    names = [part.backend for part in parts]
    return "database" if "database" in names else names[0]


def search_pages(search_group, query, filters, facets, page, per_page, locale):
    """Site search in the reader's language. ``search_group(query, filters, facets, offset, limit, loose)`` is a
    backend's search of one group (``filters`` then has ``locale``, ``translated_to`` and the group's ``below``).

    Every word must match (strict); when no group has a result, the forgiving (loose) query is asked of each.
    """
    from search.engine import Results

    filters = dict(filters or {})
    start = (page - 1) * per_page
    for loose in (False, True):
        parts, offset, limit = [], start, per_page
        for group in groups_for(locale):
            group_filters = {**filters, "locale": group.code, "translated_to": group.exclude_translated_to}
            if filters.get("below") is not None and not group.default:
                group_filters["below"] = translated_roots(filters["below"], group.code)
            part = search_group(query, group_filters, facets, offset, limit, loose)
            for hit in part.hits:
                hit.language = group.code
            parts.append(part)
            offset, limit = max(0, offset - part.count), limit - len(part.hits)
        if any(part.count for part in parts):
            break
    hits = [hit for part in parts for hit in part.hits]
    count = sum(part.count for part in parts)
    facet_lists = {"type": _merge_type_facets(parts)} if "type" in facets else {}
    return Results(query, hits, count, page, per_page, _backend_of(parts), facet_lists)


def search_listings(search_group, query):
    """The directory in the reader's language (``query.locale``): ``search_group(DirectoryQuery)`` answers one
    group (``query.locales`` set, the group's terms); the groups' pages of ids follow each other."""
    from search.directory.query import ListingHits

    parts, offset, limit = [], query.offset, query.limit
    for group in groups_for(query.locale):
        terms = query.terms_by_language.get(group.code, query.terms) if query.terms_by_language else query.terms
        one = replace(
            query,
            terms=terms,
            locales=[group.code, ""] if group.default else [group.code],
            translated_to=group.exclude_translated_to,
            offset=offset,
            limit=limit,
        )
        part = search_group(one)
        parts.append(part)
        offset, limit = max(0, offset - part.count), limit - len(part.ids)
    facets = {}
    if query.facets:
        names = {name for part in parts for name in part.facets}
        facets = {name: merge_counts(part.facets.get(name, {}) for part in parts) for name in sorted(names)}
    return ListingHits(
        ids=[i for part in parts for i in part.ids],
        count=sum(part.count for part in parts),
        facets=facets,
        backend=_backend_of(parts),
        scores=[s for part in parts for s in part.scores],
    )
