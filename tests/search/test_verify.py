"""`rebuild_search_index --verify`: the engine's documents compared with the database (ids and content).

Marked `engine` (needs SEARCH_ENGINE_URL: one node or a cluster's comma-separated nodes).
"""

import io

import pytest
from django.core.management import CommandError, call_command

from resources_directory import demo
from search.backends.opensearch.listings import INDEX
from tests.search.conftest import ENGINE_URL

pytestmark = [pytest.mark.engine, pytest.mark.skipif(not ENGINE_URL, reason="SEARCH_ENGINE_URL not set")]


def verify_output():
    out = io.StringIO()
    try:
        call_command("rebuild_search_index", verify=True, stdout=out)
    except CommandError as error:
        return out.getvalue(), str(error)
    return out.getvalue(), None


def test_verify_reports_missing_stale_and_extra_documents(opensearch, home, corpus):
    from search import engine as engine_module

    engine_module._engines.clear()
    demo.load(home, io.StringIO())
    call_command("rebuild_search_index", no_progress=True, stdout=io.StringIO())
    out, error = verify_output()
    assert error is None, out
    assert "pages: " in out and "0 missing, 0 extra, 0 stale" in out and "no differences" in out

    # A page edited behind the engine's back (no signal), a listing document gone, a stray document.
    koen = corpus["koen"]
    koen.title = "芝生の公園あそび（改）"
    koen.save_revision().publish()  # outside a transaction callback capture: the engine is not told
    listing_id = next(key for key, _source in opensearch.scan(INDEX))
    opensearch._bulk_delete(opensearch.alias(INDEX), [listing_id])
    opensearch._bulk(opensearch.alias("pages"), [("home.standardpage:999999", {"title": "x"})], refresh=True)

    out, error = verify_output()
    assert error == "3 differences between the database and the engine"
    assert f"stale: home.standardpage:{koen.pk}" in out
    assert f"missing: {listing_id}" in out
    assert "extra: home.standardpage:999999" in out


def test_verify_needs_an_engine(settings):
    settings.SEARCH_ENGINE_URL = ""
    with pytest.raises(CommandError, match="SEARCH_ENGINE_URL"):
        call_command("rebuild_search_index", verify=True, stdout=io.StringIO())


def test_a_rebuilt_index_is_searchable_replicated_and_needs_no_translog_replay(opensearch, home, corpus):
    """The rebuild loads without replicas or refreshes; the index behind the alias has both back and an empty
    translog (a node restarted even by SIGKILL opens it from its segments: the cluster is green again quickly)."""
    from search import engine as engine_module

    engine_module._engines.clear()
    demo.load(home, io.StringIO())
    call_command("rebuild_search_index", no_progress=True, stdout=io.StringIO())
    for what in ("pages", INDEX):
        alias = opensearch.alias(what)
        (index,) = opensearch.client.indices.get_alias(name=alias)
        settings = opensearch.client.indices.get_settings(index=index)[index]["settings"]["index"]
        assert settings.get("refresh_interval") in (None, "1s")
        assert int(settings["number_of_replicas"]) == opensearch.replicas
        stats = opensearch.client.indices.stats(index=index, metric="translog")["indices"][index]["primaries"]
        assert stats["translog"]["uncommitted_operations"] == 0
        assert opensearch.client.count(index=alias)["count"] > 0
