"""Zero loss on a three-node cluster: a node killed under load, the whole cluster down, a rebuild under load.

Run by `make test-cluster` (see conftest). Each test prints its figures (``-s``); the last one writes the table to
var/cluster-figures.md for docs/search.md.
"""

import io
import time

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from resources_directory.models import ListingPage
from search.backends.opensearch.listings import INDEX
from search.documents import document_key
from search.engine import get_engine
from search.models import PendingIndexChange
from tests.cluster.conftest import REPO, opensearch
from tests.cluster.load import Editor, Searchers, running_server

pytestmark = [pytest.mark.cluster, pytest.mark.usefixtures("db_access")]

FAULT_SECONDS = 20
FIGURES = {}


def editable_pages(city):
    """Five generated listings, five demo listings and five other demo pages (each index gets updates)."""
    generated = list(ListingPage.objects.filter(pk__in=city["listing_ids"][:5]))
    demo = list(ListingPage.objects.exclude(pk__in=city["listing_ids"]).order_by("pk")[:5])
    others = [p.specific for p in Page.objects.live().filter(depth__gte=3).not_type(ListingPage).order_by("pk")[:5]]
    return generated + demo + others


def engine_revisions(what, ids):
    """{document id: its revision on the engine} (a missing document is absent)."""
    primary = get_engine().primary
    response = primary.client.mget(index=primary.alias(what), body={"ids": list(ids)}, _source=["revision"])
    return {doc["_id"]: doc["_source"].get("revision") for doc in response["docs"] if doc.get("found")}


def missing_and_stale(page_ids):
    """Compare every given page's live revision in the database with its documents on the engine."""
    pages = {p.pk: p for p in Page.objects.filter(pk__in=page_ids).specific()}
    expected = {document_key(p): p.live_revision_id for p in pages.values()}
    listings = {str(pk): p.live_revision_id for pk, p in pages.items() if isinstance(p, ListingPage)}
    missing = stale = 0
    for what, wanted in (("pages", expected), (INDEX, listings)):
        found = engine_revisions(what, wanted)
        missing += sum(1 for key in wanted if key not in found)
        stale += sum(1 for key, revision in wanted.items() if key in found and found[key] != revision)
    return missing, stale


def verify_differences():
    out = io.StringIO()
    try:
        call_command("rebuild_search_index", verify=True, stdout=out)
    except CommandError as error:
        print(out.getvalue())
        return int(str(error).split()[0])
    return 0


def time_to_green(*args):
    started = time.monotonic()
    opensearch(*args)
    return time.monotonic() - started


def record(name, searchers, editor_updates, missing, stale, differences, green_seconds, phase):
    figures = searchers.figures(phase)
    FIGURES[name] = {
        "searches": figures["searches"],
        "by engine": figures["backends"].get("opensearch", 0),
        "by database": figures["backends"].get("database", 0),
        "5xx / no answer": figures["5xx or no answer"],
        "empty answers": figures["empty"],
        "updates during the fault": editor_updates,
        "missing": missing,
        "stale": stale,
        "pending after": PendingIndexChange.objects.count(),
        "verify differences": differences,
        "time to green s": f"{green_seconds:.1f}" if green_seconds is not None else "–",
    }
    print(f"\n{name}: {FIGURES[name]}")
    write_table()


def write_table():
    columns = list(next(iter(FIGURES.values())))
    lines = [f"| scenario | {' | '.join(columns)} |", f"|---|{'---:|' * len(columns)}"]
    for name, figures in FIGURES.items():
        lines.append(f"| {name} | {' | '.join(str(figures[c]) for c in columns)} |")
    (REPO / "var" / "cluster-figures.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


def one_node_fault(city, label, settle):
    """Node 2 SIGKILLed under searches and publishes for FAULT_SECONDS, started again, then ``settle(editor,
    label)``; returns (searchers, updates during the fault, {page id: revision published}, seconds to green)."""
    editor = Editor(editable_pages(city))
    with running_server() as url, Searchers(url) as searchers:
        editor.run_for(3, f"{label}before")
        searchers.phase = "fault"
        opensearch("kill-node", "2")
        updates = editor.run_for(FAULT_SECONDS, f"{label}fault")
        during = dict(editor.published)
        searchers.phase = "recovery"
        green = time_to_green("start-node", "2")
        settle(editor, f"{label}after")
    return searchers, updates, during, green


def kill_every_node(searchers):
    """SIGKILL the three nodes (a power cut); the searchers' answers from then on count as "down"."""
    searchers.phase = "killing"
    for node in ("1", "2", "3"):
        opensearch("kill-node", node)
    searchers.phase = "down"


def test_a_killed_node_loses_no_search_and_no_update(city):
    # The next writes replay anything queued meanwhile.
    searchers, updates, during, green = one_node_fault(city, "", lambda editor, label: editor.run_for(3, label))
    missing, stale = missing_and_stale(during)
    differences = verify_differences()
    record("one node of 3 killed", searchers, updates, missing, stale, differences, green, "fault")
    figures = searchers.figures()
    assert figures["5xx or no answer"] == 0
    assert figures["empty"] == 0
    assert updates > 0 and figures["backends"].get("opensearch", 0) > 0
    assert (missing, stale, differences) == (0, 0, 0)
    assert PendingIndexChange.objects.count() == 0


def test_a_rebuild_under_load_never_answers_empty(city):
    engine = get_engine()
    with running_server() as url, Searchers(url) as searchers:
        time.sleep(1)
        searchers.phase = "rebuild"
        started = time.monotonic()
        engine.rebuild()
        from search.directory.documents import engine_documents

        engine.primary.rebuild_listings(engine_documents())
        seconds = time.monotonic() - started
        searchers.phase = "after"
        time.sleep(1)
    differences = verify_differences()
    record(f"full rebuild ({seconds:.0f} s) under load", searchers, 0, 0, 0, differences, None, "rebuild")
    figures = searchers.figures()
    assert figures["5xx or no answer"] == 0
    assert figures["empty"] == 0  # the old index until the swap, the new one after (a slow answer: the database)
    assert figures["backends"].get("opensearch", 0) > 0
    assert differences == 0


def test_the_whole_cluster_down_the_database_answers_and_the_queue_drains(city):
    editor = Editor(editable_pages(city))
    with running_server() as url, Searchers(url) as searchers:
        kill_every_node(searchers)
        updates = editor.run_for(10, "down")
        during = dict(editor.published)
        queued = PendingIndexChange.objects.count()
        searchers.phase = "recovery"
        green = time_to_green("start")
        editor.run_until_drained("after")  # the next write that reaches the engine replays the queue
    missing, stale = missing_and_stale(during)
    differences = verify_differences()
    record("whole cluster down", searchers, updates, missing, stale, differences, green, "down")
    down = searchers.figures("down")
    assert down["5xx or no answer"] == 0 and down["empty"] == 0
    assert down["backends"] == {"database": down["searches"]}
    assert queued > 0
    assert PendingIndexChange.objects.count() == 0
    assert (missing, stale, differences) == (0, 0, 0)
