"""Directory search at a million listings: bulk indexing rate, query p50 / p95 at 10k / 100k / 1M, node memory.

    scripts/opensearch start   # or a node of its own: see `make bench-engine-scale`
    .venv/bin/python bench/engine_scale.py --url http://127.0.0.1:9260 [--sizes 10000,100000,1000000]
    .venv/bin/python bench/engine_scale.py --url http://127.0.0.1:9260 --check-database   # + the 10k DB check
    make bench-engine-scale    # its own node (port 9260, heap 2 GB), every size, the database check; then stops it

No database for the listings: ``bench/scale_listings.py`` invents them (names, categories, areas and points across
Japan) straight in the engine's form and they go to one index (alias ``<prefix>-directory-v5``, prefix
``bench-scale``) in bulk requests, 2 in flight. A document carries raw text: the engine's ``ja_surface`` / ``ja_chars``
analysers do the folding (NFKC width, lower case, katakana → hiragana), the bigrams and the characters; Python adds
only the reading and normal-form streams (SudachiPy, ``search.japanese.derived_text``; category and area names once
per process). The index grows to each size in turn; the family searches (``search.directory`` queries, as the site
asks them) run after each. ``--check-database``: 10k listings in a bench SQLite / PostgreSQL database, indexed the
production way (``documents.engine_documents``), must give the same counts, top ids and facets on both backends.
"""

import argparse
import json
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(BASE_DIR), str(BASE_DIR / "bench")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django  # noqa: E402

django.setup()

import directory_search as ds  # noqa: E402
import scale_listings  # noqa: E402
from django.conf import settings  # noqa: E402

from search import japanese  # noqa: E402
from search.backends.opensearch.listings import INDEX  # noqa: E402
from search.backends.opensearch.mappings import listing_properties  # noqa: E402
from search.directory import documents  # noqa: E402
from search.directory.query import DirectoryQuery, parse_keywords  # noqa: E402

BATCH = 2000
YOKOHAMA_AREA = scale_listings.area_of(24, scale_listings.TOWNS_OF[24][0])[0]  # a town of 横浜市港南区
YOKOHAMA, OSAKA, SAPPORO, FUKUOKA = (35.391, 139.591), (34.705, 135.498), (43.055, 141.341), (33.589, 130.392)


def node_for(url, prefix):
    from search.backends.opensearch import OpenSearchEngine

    settings.SEARCH_ENGINE_URL, settings.SEARCH_ENGINE_INDEX_PREFIX = url, prefix
    node = OpenSearchEngine.from_settings()
    node.timeout = 10.0  # a bench measures; the site's 1 s cut-off would turn a slow answer into a fallback
    return node


def engine_document(n):
    doc, texts, page = scale_listings.listing(n)
    doc["reading"] = documents.reading_of(page)
    doc.update(documents.engine_text_fields(texts))
    doc["facet_values"] = documents.facet_values(doc)
    return doc


def ndjson(index, docs):
    lines = []
    for doc in docs:
        lines.append(json.dumps({"index": {"_index": index, "_id": str(doc["listing_id"])}}))
        lines.append(json.dumps(doc, ensure_ascii=False))
    return "\n".join(lines) + "\n"


class Loader:
    """Bulk requests of BATCH documents, two in flight, into a new index behind the bench's alias, loaded and
    finished as ``rebuild_search_index`` does (no replicas and no refreshes while loading; then
    ``EngineClient._finish_bulk``: refresh, merge into one segment, flush, replicas, green)."""

    def __init__(self, node, url):
        from opensearchpy import OpenSearch

        self.node, self.count, self.python_seconds, self.seconds, self.finish_seconds = node, 0, 0.0, 0.0, 0.0
        self.bulk = OpenSearch(url.split(","), timeout=300, pool_maxsize=4)
        self.index = node._create_index(INDEX, listing_properties, bulk=True)
        node._swap(INDEX, self.index)
        self.pool, self.pending = ThreadPoolExecutor(max_workers=2), []

    def _settings(self, values):
        self.node.client.indices.put_settings(index=self.index, body={"index": values})

    def _send(self, body):
        result = self.bulk.bulk(body=body)
        if result.get("errors"):
            raise RuntimeError(f"bulk request failed: {result['items'][:1]}")

    def grow_to(self, size):
        """Load up to ``size`` listings, then finish the index as a rebuild does (timed apart: finish_seconds)."""
        started = time.perf_counter()
        self._settings({"refresh_interval": "-1", "number_of_replicas": 0, "translog.durability": "async"})
        for start in range(self.count, size, BATCH):
            began = time.thread_time()
            body = ndjson(self.index, [engine_document(n) for n in range(start, min(size, start + BATCH))])
            self.python_seconds += time.thread_time() - began
            while len(self.pending) >= 2:
                self.pending.pop(0).result()
            self.pending.append(self.pool.submit(self._send, body))
        for future in self.pending:
            future.result()
        self.pending = []
        self.seconds += time.perf_counter() - started
        started = time.perf_counter()
        self._settings({"translog.durability": "request"})
        self.node._finish_bulk(self.index, wait=600)
        self.finish_seconds += time.perf_counter() - started
        self.count = size

    def finish(self):
        self.pool.shutdown()


def engine_cpu_seconds(node):
    stats = node.client.nodes.stats(metric="process")["nodes"].values()
    return sum(stat["process"]["cpu"]["total_in_millis"] for stat in stats) / 1000


def keywords(text):
    return parse_keywords(text, groups=[])[0]


def family_queries():
    """The typical questions of families, as search.directory builds them (no synonym groups: no database)."""
    facets = {"facets": True, "limit": 20}
    return {
        "keyword+age+weekday, 5 km (ひろば 3か月)": DirectoryQuery(
            terms=keywords("ひろば"),
            age_range=(3, 3),
            weekday=2,
            origin=YOKOHAMA,
            radius_km=5,
            sort="relevance",
            **facets,
        ),
        "age+weekday, nearest first, no radius": DirectoryQuery(
            age_range=(6, 6), weekday=1, origin=OSAKA, sort="distance", **facets
        ),
        "keyword nationwide (おやこ)": DirectoryQuery(terms=keywords("おやこ"), sort="relevance", **facets),
        "amenity word + age, 3 km (授乳室 0歳)": DirectoryQuery(
            terms=keywords("授乳室 0歳"),
            amenities=["nursing_room"],
            age_range=(0, 11),
            origin=SAPPORO,
            radius_km=3,
            sort="relevance",
            **facets,
        ),
        "hub: keyword, by name (保育園)": DirectoryQuery(terms=keywords("保育園"), hubs=["c24"], sort="name", **facets),
        "category+area, by name": DirectoryQuery(categories=["park", "hiroba"], areas=[YOKOHAMA_AREA], **facets),
        "two keywords, 10 km, nearest (小児科 駐車場)": DirectoryQuery(
            terms=keywords("小児科 駐車場"),
            amenities=["parking"],
            origin=FUKUOKA,
            radius_km=10,
            sort="distance",
            **facets,
        ),
        "every listing, by name (first page)": DirectoryQuery(**facets),
    }


def request_cache_hits(node):
    stats = node.client.indices.stats(index=node.alias(INDEX), metric="request_cache")
    return stats["_all"]["total"]["request_cache"]["hit_count"]


def rss_of(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def memory(node):
    """Per node: heap used / max, resident memory (a local node), this index's size on disk."""
    stats = node.client.nodes.stats(metric="jvm,indices")["nodes"]
    info = node.client.nodes.info(metric="process")["nodes"]
    shards = node.client.cat.shards(index=node.alias(INDEX), format="json", bytes="b")
    rows = []
    for node_id, stat in stats.items():
        name = stat["name"]
        on_disk = sum(int(s["store"] or 0) for s in shards if s["node"] == name)
        rss = rss_of(info.get(node_id, {}).get("process", {}).get("id"))
        jvm = stat["jvm"]["mem"]
        rows.append((name, jvm["heap_used_in_bytes"], jvm["heap_max_in_bytes"], rss, on_disk))
    return rows


def mb(value):
    return f"{value / 2**20:,.0f} MB" if value is not None else "–"


def print_costs(sample):
    """Per document in Python: what the bulk path does, against building the database's full token streams."""
    docs = [scale_listings.listing(n) for n in range(sample)]

    def per_doc(call):
        started = time.thread_time()
        for doc, texts, page in docs:
            call(doc, texts, page)
        return (time.thread_time() - started) / sample * 1e6

    started = time.thread_time()
    for n in range(sample):
        scale_listings.listing(n + 10_000_000)
    generate = (time.thread_time() - started) / sample * 1e6
    whole = per_doc(lambda d, t, p: [japanese.derived_text(t[k]) for k in ("name", "labels", "organisation", "body")])
    derived = per_doc(lambda d, t, p: documents.engine_text_fields(t))
    reading = per_doc(lambda d, t, p: documents.reading_of(p))
    full = per_doc(
        lambda d, t, p: (
            [japanese.index_text(t[k]) for k in ("name", "organisation", "body")]
            + [documents._short_text_tokens(t["labels"], "ja")]
        )
    )
    built = [engine_document(n) for n in range(sample)]
    started = time.thread_time()
    ndjson("x", built)
    serialise = (time.thread_time() - started) / sample * 1e6
    print(f"Python CPU per listing (thread CPU time, mean of {sample:,}):")
    print()
    print("| step | µs per listing |")
    print("|---|---:|")
    print(f"| invent the listing (bench only) | {generate:.0f} |")
    print(f"| sort key: reading of the name (SudachiPy only when no kana) | {reading:.0f} |")
    print(f"| reading + normal-form streams (SudachiPy; what the engine cannot do), whole texts | {whole:.0f} |")
    print(f"| the same part by part, cached per process (cold cache: these {sample:,} listings) | {derived:.0f} |")
    print(f"| JSON of the bulk request | {serialise:.0f} |")
    print(f"| *for comparison:* the database's full streams (fold, bigrams, characters, readings) | {full:.0f} |")
    print()


def print_queries(node, size, runs, rows):
    """Client-side p50 / p95 of each family search, the engine's own p95 (``took``: no HTTP, no Python) and hits."""
    for label, query in family_queries().items():
        count = node.search_directory(query).count
        took = []

        def ask(q=query, took=took):
            took.append(node._query(INDEX, node.directory_search(q), missing_is_empty=False)["took"])

        p50, p95 = ds.timed(ask, runs)
        rows.setdefault(label, {})[size] = (p50, p95, ds.percentile(took, 0.95), count)


def check_database(url, runs):
    """10k listings in the bench database: the production indexing path, then the same answers on both backends."""
    import random

    from django.db import transaction
    from django.utils import timezone

    from resources_directory.factories import bulk_listings
    from resources_directory.models import DirectoryPage
    from search.backends.database import DatabaseEngine

    ds.use_database("bench-scale")
    from home.demo import build_site
    from resources_directory import demo

    with transaction.atomic(), open(os.devnull, "w") as quiet:
        if not DirectoryPage.objects.exists():
            demo.load(build_site(), quiet)
    directory = DirectoryPage.objects.first()
    with transaction.atomic():
        documents.refresh(bulk_listings(directory, 10_000, random.Random(2026)))
    node = node_for(url, "bench-scale-db")
    started = time.perf_counter()
    count = sum(1 for _ in documents.engine_documents())
    python_seconds = time.perf_counter() - started
    started = time.perf_counter()
    node.rebuild_listings(documents.engine_documents())
    seconds = time.perf_counter() - started
    print(
        f"database check ({django.db.connection.vendor}, {count:,} listings): production rebuild into the engine "
        f"{count / seconds:,.0f} docs/s ({python_seconds:.1f} s of it reading pages and SudachiPy)"
    )
    print()
    print("| query | count db / engine | same top 20 ids | same facets | db p50 / p95 ms | engine p50 / p95 ms |")
    print("|---|---:|---|---|---:|---:|")
    database, now, same = DatabaseEngine(), timezone.localtime(), True
    for label, params in ds.QUERIES.items():
        query = ds.directory_query(params, directory, now)
        a, b = database.search_directory(query), node.search_directory(query)
        ok_ids, ok_facets = a.ids[:20] == b.ids[:20], a.facets == b.facets
        same = same and ok_ids and ok_facets and a.count == b.count
        on_db, on_engine = (
            ds.timed(lambda q=query: database.search_directory(q), runs),
            ds.timed(lambda q=query: node.search_directory(q), runs),
        )
        print(
            f"| {label} | {a.count} / {b.count} | {'yes' if ok_ids else 'NO'} | {'yes' if ok_facets else 'NO'} "
            f"| {on_db[0]:.1f} / {on_db[1]:.1f} | {on_engine[0]:.1f} / {on_engine[1]:.1f} |"
        )
    print()
    return same


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--url",
        default=os.environ.get("SEARCH_ENGINE_URL", "http://127.0.0.1:9260"),
        help="the node or nodes (comma-separated, if the client takes a list)",
    )
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--label", default="", help="what the node is (e.g. 'one node, heap 2 GB'), for the tables")
    parser.add_argument("--check-database", action="store_true", help="also the 10k database check (slow)")
    parser.add_argument("--keep", action="store_true", help="keep the bench index afterwards")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    node = node_for(args.url, "bench-scale")
    health = node.client.cluster.health()
    print(f"engine: {args.url} ({health['number_of_nodes']} node(s)) {args.label}  runs per query: {args.runs}")
    print()
    print_costs(2000)
    loader, rows, rates = Loader(node, args.url), {}, []
    for size in sizes:
        before, python_before, seconds_before = loader.count, loader.python_seconds, loader.seconds
        finish_before = loader.finish_seconds
        cpu_before, load_before = engine_cpu_seconds(node), os.getloadavg()[0]
        loader.grow_to(size)
        added, took = size - before, loader.seconds - seconds_before
        python_us = (loader.python_seconds - python_before) / added * 1e6
        engine_us = (engine_cpu_seconds(node) - cpu_before) / added * 1e6
        load = (load_before + os.getloadavg()[0]) / 2
        finish = loader.finish_seconds - finish_before
        rates.append((f"{before:,} → {size:,}", added / took, finish, python_us, engine_us, load))
        print_queries(node, size, args.runs, rows)
        print(f"{size:,} listings indexed; machine load {os.getloadavg()[0]:.1f}", file=sys.stderr)
    loader.finish()
    print("Bulk indexing (engine analyses the text; Python adds the SudachiPy streams; 2 requests in flight).")
    print("docs/s: the bulk requests; finish: refresh, merge into one segment, flush, replicas, green (as a rebuild).")
    print("CPU per listing: Python's thread (documents and JSON) and the engine's processes (finish included),")
    print("whatever else runs; load: the machine's 1-minute load average (2 cores) at the start and end of the step.")
    print()
    print("| listings | docs/s (wall) | finish s | Python CPU µs / listing | engine CPU µs / listing | load |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, rate, finish, python_us, engine_us, load in rates:
        print(f"| {label} | {rate:,.0f} | {finish:.1f} | {python_us:.0f} | {engine_us:.0f} | {load:.1f} |")
    total = f"**{loader.count / loader.seconds:,.0f}** | {loader.finish_seconds:.1f}"
    print(f"| **all {loader.count:,}** | {total} | | | |")
    print()
    print("p50 / p95 ms on the client (query building, HTTP, parsing), [the engine's own p95 (took)], hits:")
    print()
    print("| query | " + " | ".join(f"{s:,}" for s in sizes) + " |")
    print("|---|" + "---:|" * len(sizes))
    for label, by_size in rows.items():
        cells = [f"{by_size[s][0]:.1f} / {by_size[s][1]:.1f} [{by_size[s][2]}] ({by_size[s][3]:,})" for s in sizes]
        print(f"| {label} | {' | '.join(cells)} |")
    print()
    print(f"Shard request cache hits on the index: {request_cache_hits(node)} (a search with hits is not cached).")
    print()
    cache = documents._part_derived_text.cache_info()
    print(
        f"Parts analysed by SudachiPy: {cache.misses:,}; taken from the cache: {cache.hits:,} "
        f"({cache.hits / max(1, cache.hits + cache.misses):.0%}; {cache.currsize:,} kept of {cache.maxsize:,})."
    )
    print()
    print(f"Memory at {loader.count:,} listings:")
    print()
    print("| node | heap used / max | RSS | index on disk |")
    print("|---|---:|---:|---:|")
    for name, used, heap, rss, disk in memory(node):
        print(f"| {name} | {mb(used)} / {mb(heap)} | {mb(rss)} | {mb(disk)} |")
    print()
    same = check_database(args.url, args.runs) if args.check_database else True
    if not args.keep:
        node._drop_alias(INDEX)
    if not same:
        sys.exit("the database and the engine disagree at 10k")


if __name__ == "__main__":
    main()
