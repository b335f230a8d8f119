"""The directory's search documents: built from listing pages, stored in ``ListingDocument``, sent to the engine.

One function builds a document (:func:`build_document`); :func:`refresh` writes the documents of some listings
(and removes those that are no longer live and public), :func:`rebuild` writes them all. The engine gets the same
structured fields with, for a Japanese listing, the raw texts instead of the token streams (:func:`engine_documents`:
it analyses them itself) plus the SudachiPy reading and normal-form streams, for a listing in another language the
database's own streams (:func:`engine_text_fields`), after the transaction commits, through ``search.signals``' task.
"""

import math
import re
from functools import lru_cache

from django.db import transaction
from wagtail.models import PageViewRestriction

from search import japanese, languages
from search.directory.query import FACET_FIELDS

# Lucene's geo_point encoding (GeoEncodingUtils): 32 bits per coordinate, rounded down.
_LAT_DECODE = 1 / ((1 << 32) / 180.0)
_LON_DECODE = 1 / ((1 << 32) / 360.0)
NO_LOWER_AGE, NO_UPPER_AGE = -1000, 10_000


def quantise(lat, lng):
    """(lat, lng) as the engine keeps them in its doc values, so both backends measure the same distances."""
    if lat is None or lng is None:
        return None, None
    lat = math.nextafter(90.0, 0) if lat == 90.0 else lat
    lng = math.nextafter(180.0, 0) if lng == 180.0 else lng
    return math.floor(lat / _LAT_DECODE) * _LAT_DECODE, math.floor(lng / _LON_DECODE) * _LON_DECODE


@lru_cache(maxsize=4096)
def _short_text_tokens(text, language):
    """Token stream of a short, often repeated text (a category or area name): analysed once per process."""
    return languages.index_text(text, language)


# Sentences and space-separated parts: their readings do not depend on their neighbours', so a repeated one (an
# operator, a category, a boilerplate sentence, a town's address) is analysed once per process.
_PARTS = re.compile(r"(?<=[。！？])|\s+")


@lru_cache(maxsize=65536)
def _part_derived_text(text):
    return japanese.derived_text(text)


def derived_text(text):
    """search.japanese.derived_text, part by part: a part whose reading is its text adds nothing (the engine's
    surface field has it), the others' streams come in the same order as for the whole text."""
    return _joined(*(_part_derived_text(part) for part in _PARTS.split(text or "") if part.strip()))


def padded(values):
    return f" {' '.join(values)} " if values else " "


def stream(*parts, cache=False, language="ja"):
    text = " ".join(part for part in parts if part)
    tokens = _short_text_tokens(text, language) if cache else languages.index_text(text, language)
    return f" {tokens} " if tokens else " "


def join_streams(*streams):
    return padded([s.strip() for s in streams if s.strip()])


def reading_of(page):
    """The sort key: the editor's kana, else the reading of the name, folded to hiragana."""
    if page.kana.strip():
        return japanese.fold(page.kana.strip())[:255]
    return japanese.fold(japanese.analyse(page.title)[0])[:255]


def _joined(*parts):
    return " ".join(part for part in parts if part)


def listing_texts(page, categories, program_titles=()):
    """The raw texts a listing is found by: name (and kana), labels (categories, area), operator, body."""
    labels = [c.name for c in categories] + ([page.area.name] if page.area else [])
    return {
        "name": _joined(page.title, page.kana),
        "labels": " ".join(labels),
        "organisation": page.organisation,
        "body": _joined(page.summary, page.address, " ".join(program_titles)),
    }


def token_streams(texts, language):
    """The database's three token streams of a listing's texts, analysed in its language (search.languages)."""
    return {
        "name_tokens": stream(texts["name"], language=language),
        "label_tokens": join_streams(
            stream(texts["labels"], cache=True, language=language), stream(texts["organisation"], language=language)
        ),
        "body_tokens": stream(texts["body"], language=language),
    }


def engine_text_fields(texts, language="ja"):
    """The engine's text fields. Japanese (search.languages.analysis "ja"): the raw text it analyses itself
    (*_text) and what only Python can add, the reading and normal-form streams (*_tokens, part by part:
    :func:`derived_text`). Any other language: the database's own streams in *_tokens (:func:`token_streams`) and
    empty *_text fields, so such a listing matches exactly what it matches on the database."""
    if languages.analysis(language) != "ja":
        streams = {key: value.strip() for key, value in token_streams(texts, language).items()}
        return {"name_text": "", "label_text": "", "body_text": "", **streams}
    return {
        "name_text": texts["name"],
        "label_text": _joined(texts["labels"], texts["organisation"]),
        "body_text": texts["body"],
        "name_tokens": derived_text(texts["name"]),
        "label_tokens": _joined(derived_text(texts["labels"]), derived_text(texts["organisation"])),
        "body_tokens": derived_text(texts["body"]),
    }


def build_document(page, program_titles=(), directory_id=0, hub="", translated=()):
    """The fields both backends search on, from a specific ListingPage (in-memory relations are honoured).

    The words are analysed in the page's language (search.languages); ``directory_id`` and ``hub`` of a
    translated listing are those of its Japanese source, so the directory finds it in every language."""
    from resources_directory.models import AMENITIES
    from search.directory.staff import staff_language_keys

    language = languages.language_of(page)

    categories = sorted(page.categories.all(), key=lambda c: c.slug)
    area = page.area
    hours = list(page.opening_hours.all())
    lat, lng = quantise(page.latitude, page.longitude)
    texts = listing_texts(page, categories, program_titles)
    return {
        "listing_id": page.pk,
        "directory_id": directory_id,
        "hub": hub,
        "reading": reading_of(page),
        **token_streams(texts, language),
        "latitude": lat,
        "longitude": lng,
        "age_low": page.min_age_months if page.min_age_months is not None else NO_LOWER_AGE,
        "age_high": page.max_age_months if page.max_age_months is not None else NO_UPPER_AGE,
        "categories": padded([c.slug for c in categories]),
        "area": area.slug if area else "",
        "amenities": padded([key for key in AMENITIES if getattr(page, key)]),
        "weekdays": padded(sorted({str(h.weekday) for h in hours})),
        "rules": padded(sorted({f"{h.weekday}:{h.week_of_month}" for h in hours})),
        "locale": language,
        "translated": padded(translated),
        "staff_languages": padded(staff_language_keys(page.languages)),
    }


def as_engine_document(doc, texts):
    """The engine's form of a stored document (without its token streams) and the listing's raw texts: key lists
    as arrays, the original point as a geo_point, the text fields of :func:`engine_text_fields`."""
    out = {key: value for key, value in doc.items() if key not in ("latitude", "longitude", "source_point")}
    out.update(engine_text_fields(texts, doc["locale"]))
    for key in ("categories", "amenities", "weekdays", "rules", "translated", "staff_languages"):
        out[key] = doc[key].split()
    out["area"] = doc["area"] or None
    out["hub"] = doc["hub"] or None
    point = doc.get("source_point")
    if point and point[0] is not None:
        out["location"] = {"lat": point[0], "lon": point[1]}
    out["facet_values"] = facet_values(out)
    return out


def facet_values(doc):
    """Every facet value of an engine document in one list, ``<facet>:<value>`` (``area:konan-1``): the engine
    counts all the facets with one terms aggregation over it (one pass over the hits instead of five, and none at
    all when a search matches every document: the counts are then the terms' document frequencies)."""
    values = []
    for name, key in FACET_FIELDS.items():
        found = doc.get(key)
        values += [f"{name}:{value}" for value in ([found] if isinstance(found, str) else found or ()) if value]
    return values


def _programs_by_venue(listing_ids):
    from home.models import ProgramPage

    titles = {}
    rows = (
        ProgramPage.objects.live()
        .public()
        .filter(venue_id__in=listing_ids)
        .order_by("title")
        .values_list("venue_id", "title")
    )
    for venue_id, title in rows:
        titles.setdefault(venue_id, []).append(title)
    return titles


def _restricted_paths():
    return list(PageViewRestriction.objects.values_list("page__path", flat=True))


def _is_public(page, restricted):
    return not any(page.path.startswith(path) for path in restricted)


def _directory_ids(paths):
    """{tree path: its parent's id} for these paths, in one query (a listing's parent is its directory)."""
    from wagtail.models import Page

    steplen = Page.steplen
    parents = dict(Page.objects.filter(path__in={p[:-steplen] for p in paths}).values_list("path", "pk"))
    return {path: parents.get(path[:-steplen], 0) for path in paths}


def documents_for(pages):
    """Documents of these specific pages (live and public ones only): programs, parents and hubs read in one query
    each, whatever the number of pages."""
    from search.directory.hubs import hub_keys, read_hubs

    restricted = _restricted_paths()
    pages = [p for p in pages if p.live and _is_public(p, restricted)]
    if not pages:
        return []
    source = languages.sources(pages)  # a translated listing: its Japanese source's directory and hub
    directories = _directory_ids([source_path for _pk, source_path in source.values()])
    translated = languages.translations(pages)
    programs = _programs_by_venue([p.pk for p in pages])
    hub_key = hub_keys(read_hubs())
    docs = []
    for page in pages:
        path = source[page.pk][1]
        doc = build_document(page, programs.get(page.pk, ()), directories[path], hub_key(path), translated[page.pk])
        doc["source_point"] = (page.latitude, page.longitude)
        docs.append(doc)
    return docs


TEXT_FIELDS = ("name_tokens", "label_tokens", "body_tokens")


def _rows(docs):
    """(ListingDocument, ListingDocumentText) instances of these documents."""
    from search.models import ListingDocument, ListingDocumentText

    structured, words = [], []
    for doc in docs:
        fields = {k: v for k, v in doc.items() if k != "source_point" and k not in TEXT_FIELDS}
        structured.append(ListingDocument(**fields))
        words.append(ListingDocumentText(document_id=doc["listing_id"], **{k: doc[k] for k in TEXT_FIELDS}))
    return structured, words


def _delete_rows(listing_ids=None):
    """Delete documents (all of them, or of these listings) in one DELETE each, the words first.

    ``_raw_delete`` (what modelsearch uses for its own index entries): these rows have no receivers of their own,
    and the collector would otherwise load every row, token text and all, to send signals nobody needs. The
    R*Tree and FTS5 triggers (migration 0004) still follow.
    """
    from search.models import ListingDocument, ListingDocumentText

    words, structured = ListingDocumentText.objects.all(), ListingDocument.objects.all()
    if listing_ids is not None:
        words, structured = words.filter(document_id__in=listing_ids), structured.filter(listing_id__in=listing_ids)
    words._raw_delete(words.db)
    structured._raw_delete(structured.db)


def _insert(docs, batch_size=500):
    """Insert or replace (an upsert: two editors publishing at once never collide on a listing's row)."""
    from search.models import ListingDocument, ListingDocumentText

    structured, words = _rows(docs)
    for model, rows, key in ((ListingDocument, structured, "listing"), (ListingDocumentText, words, "document")):
        fields = [f.name for f in model._meta.concrete_fields if not f.primary_key]
        model.objects.bulk_create(
            rows, batch_size=batch_size, update_conflicts=True, unique_fields=[key], update_fields=fields
        )


def save(docs):
    """Write documents to the database tables (insert or replace) and queue them for the engine."""
    if not docs:
        return
    with transaction.atomic():
        _insert(docs)
    _to_engine("index", [d["listing_id"] for d in docs])


def remove(listing_ids):
    listing_ids = list(listing_ids)
    if listing_ids:
        with transaction.atomic():
            _delete_rows(listing_ids)
        _to_engine("delete", listing_ids)


def listing_queryset():
    from resources_directory.models import ListingPage

    return ListingPage.objects.select_related("area").prefetch_related("categories", "opening_hours")


def refresh(listing_ids, batch=500):
    """Bring the documents of these listings in step with the pages (write the live ones, drop the others)."""
    listing_ids = sorted(set(listing_ids))
    for start in range(0, len(listing_ids), batch):
        chunk = listing_ids[start : start + batch]
        with transaction.atomic():  # a move or a view restriction arrives outside the admin's transaction
            docs = documents_for(listing_queryset().filter(pk__in=chunk))
            save(docs)
            remove(set(chunk) - {d["listing_id"] for d in docs})


def refresh_page(page):
    """After a save: the document from the saved instance itself (its relations may not be in the database yet)."""
    docs = documents_for([page])
    if docs:
        save(docs)
    else:
        remove([page.pk])


def rebuild(batch=1000, progress=None):
    """Every listing's document, from scratch (the database tables; the engine is rebuilt by the caller)."""
    with transaction.atomic():
        _delete_rows()
        pages = listing_queryset().live().order_by("pk")
        ids = list(pages.values_list("pk", flat=True))
        for start in range(0, len(ids), batch):
            docs = documents_for(pages.filter(pk__in=ids[start : start + batch]))
            _insert(docs)
            if progress:
                progress(len(docs))
    return len(ids)


def refresh_hubs():
    """After a hub or a site is created, changed or deleted: rewrite the documents whose hub is no longer right.

    One query for the hubs and one for every document's (id, hub, path); only the listings that changed hub are
    rewritten (and sent to the engine)."""
    from wagtail.models import Page

    from search.directory.hubs import hub_keys, read_hubs
    from search.models import ListingDocument

    hub_key = hub_keys(read_hubs())
    rows = ListingDocument.objects.values_list("listing_id", "hub", "listing__path", "locale")
    default = ("", languages.default_language())
    moved, translated = [], {}
    for listing_id, hub, path, locale in rows.iterator(chunk_size=5000):
        if locale in default:
            moved += [listing_id] if hub != hub_key(path) else []
        else:
            translated[listing_id] = hub  # its hub is its Japanese source's
    if translated:
        # Only what sources() reads: listing_queryset()'s select_related("area") cannot go with only().
        pages = Page.objects.filter(pk__in=list(translated)).only("path", "translation_key", "locale_id")
        source = languages.sources(list(pages))
        moved += [pk for pk, hub in translated.items() if pk in source and hub != hub_key(source[pk][1])]
    refresh(moved)
    return moved


def engine_documents(listing_ids=None, batch=1000):
    """Stored documents in the engine's form, with the raw texts, original coordinates and live revision of their
    pages."""
    from search.models import ListingDocument

    rows = ListingDocument.objects.all().order_by("listing_id")
    if listing_ids is not None:
        rows = rows.filter(listing_id__in=listing_ids)
    structured = [f.attname for f in ListingDocument._meta.concrete_fields]
    chunk = []
    for row in rows.values(*structured).iterator(chunk_size=batch):
        chunk.append(row)
        if len(chunk) >= batch:
            yield from _with_pages(chunk)
            chunk = []
    yield from _with_pages(chunk)


def _with_pages(rows):
    ids = [row["listing_id"] for row in rows]
    pages = listing_queryset().in_bulk(ids)
    programs = _programs_by_venue(ids)
    for row in rows:
        page = pages.get(row["listing_id"])
        if page is None:  # deleted since: its row goes with the next refresh
            continue
        categories = sorted(page.categories.all(), key=lambda c: c.slug)
        row["source_point"], row["revision"] = (page.latitude, page.longitude), page.live_revision_id
        yield as_engine_document(row, listing_texts(page, categories, programs.get(page.pk, ())))


def send_to_engine(engine, listing_ids):
    """Make the engine's documents of these listings match the table: index the stored ones, delete the rest."""
    docs = list(engine_documents(listing_ids))
    if docs:
        engine.index_listing_documents(docs)
    gone = set(listing_ids) - {d["listing_id"] for d in docs}
    if gone:
        engine.delete_listing_documents(sorted(gone))


def _to_engine(action, listing_ids):
    from search import signals

    signals.enqueue_listings(action, listing_ids)
