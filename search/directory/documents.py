"""The directory's search documents: built from listing pages, stored in ``ListingDocument``, sent to the engine.

One function builds a document (:func:`build_document`); :func:`refresh` writes the documents of some listings
(and removes those that are no longer live and public), :func:`rebuild` writes them all. The engine gets the same
dicts (:func:`as_engine_document`) after the transaction commits, through ``search.signals``' task.
"""

import math
from functools import lru_cache

from django.db import transaction
from wagtail.models import PageViewRestriction

from search import japanese, languages

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
    labels = [c.name for c in categories] + ([area.name] if area else [])
    return {
        "listing_id": page.pk,
        "directory_id": directory_id,
        "hub": hub,
        "reading": reading_of(page),
        "name_tokens": stream(page.title, page.kana, language=language),
        "label_tokens": join_streams(
            stream(" ".join(labels), cache=True, language=language), stream(page.organisation, language=language)
        ),
        "body_tokens": stream(page.summary, page.address, " ".join(program_titles), language=language),
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


def as_engine_document(doc):
    """The engine's form of a stored document: key lists as arrays, the original point as a geo_point."""
    out = {key: value for key, value in doc.items() if key not in ("latitude", "longitude", "source_point")}
    for key in ("categories", "amenities", "weekdays", "rules", "translated", "staff_languages"):
        out[key] = doc[key].split()
    out["area"] = doc["area"] or None
    out["hub"] = doc["hub"] or None
    point = doc.get("source_point")
    if point and point[0] is not None:
        out["location"] = {"lat": point[0], "lon": point[1]}
    return out


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
        pages = listing_queryset().filter(pk__in=list(translated)).only("path", "translation_key", "locale_id")
        source = languages.sources(list(pages))
        moved += [pk for pk, hub in translated.items() if pk in source and hub != hub_key(source[pk][1])]
    refresh(moved)
    return moved


def engine_documents(listing_ids=None):
    """Stored documents in the engine's form, with the original coordinates and the live revision of their pages."""
    from resources_directory.models import ListingPage
    from search.models import ListingDocument

    rows = ListingDocument.objects.all().order_by("listing_id")
    if listing_ids is not None:
        rows = rows.filter(listing_id__in=listing_ids)
    pages = {
        pk: ((lat, lng), revision)
        for pk, lat, lng, revision in ListingPage.objects.filter(pk__in=rows.values("listing_id")).values_list(
            "pk", "latitude", "longitude", "live_revision_id"
        )
    }
    structured = [f.attname for f in ListingDocument._meta.concrete_fields]
    for row in rows.values(*structured, *(f"text__{name}" for name in TEXT_FIELDS)).iterator(chunk_size=2000):
        for name in TEXT_FIELDS:
            row[name] = row.pop(f"text__{name}") or " "
        row["source_point"], row["revision"] = pages.get(row["listing_id"], ((None, None), None))
        yield as_engine_document(row)


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
