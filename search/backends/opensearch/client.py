"""The engine connection: clients with two timeouts, error mapping, aliases, index creation and swaps, bulk writes.

``SEARCH_ENGINE_URL`` may list several nodes of one cluster, comma-separated: the client is given all of them and a
request that cannot reach one node (refused, reset) is sent to the next; a node that failed is left aside for a
while (the client library's dead-node pool). New indexes get ``SEARCH_ENGINE_REPLICAS`` replicas (default: none on
one node, one on a cluster), so a cluster keeps every document when one node is lost.
"""

import time

from django.conf import settings

from search.backends.opensearch.mappings import _analysis
from search.engine import EngineUnavailable


class EngineClient:
    name = "opensearch"

    def __init__(self, url, kind="opensearch", timeout=1.0, prefix="kosodate", replicas=None):
        self.url, self.kind, self.timeout, self.prefix = url, kind, timeout, prefix
        self.hosts = [part.strip() for part in url.split(",") if part.strip()]
        self.replicas = replicas if replicas is not None else (1 if len(self.hosts) > 1 else 0)
        self.name = kind
        self._client = None
        self._search_client = None
        self._kuromoji = None

    @classmethod
    def from_settings(cls):
        return cls(
            settings.SEARCH_ENGINE_URL,
            kind=getattr(settings, "SEARCH_ENGINE_KIND", "opensearch"),
            timeout=getattr(settings, "SEARCH_ENGINE_TIMEOUT", 1.0),
            prefix=getattr(settings, "SEARCH_ENGINE_INDEX_PREFIX", "kosodate"),
            replicas=getattr(settings, "SEARCH_ENGINE_REPLICAS", None),
        )

    # --- client -------------------------------------------------------------------------------------------------

    def _make_client(self, timeout, retry_on_timeout):
        """A client for every node: an unreachable node → the same request on the next one (each node once)."""
        retries = len(self.hosts) - 1
        retry_on_timeout = retry_on_timeout and retries > 0
        if self.kind == "elasticsearch":
            from elasticsearch import Elasticsearch

            return Elasticsearch(
                self.hosts, request_timeout=timeout, max_retries=retries, retry_on_timeout=retry_on_timeout
            )
        from opensearchpy import OpenSearch

        return OpenSearch(
            self.hosts, timeout=timeout, max_retries=retries, retry_on_timeout=retry_on_timeout, pool_maxsize=10
        )

    @property
    def search_client(self):
        """Queries: SEARCH_ENGINE_TIMEOUT (≤ 1 s), then the database answers (a slow node is not waited for twice)."""
        if self._search_client is None:
            self._search_client = self._make_client(self.timeout, retry_on_timeout=False)
        return self._search_client

    @property
    def client(self):
        """Index writes and administration: a longer timeout (they run in tasks and commands, not in requests);
        on a cluster a node that does not answer in time is replaced by the next one."""
        if self._client is None:
            self._client = self._make_client(max(self.timeout, 30.0), retry_on_timeout=True)
        return self._client

    def _errors(self):
        errors = [ConnectionError, TimeoutError, OSError]
        if self.kind == "elasticsearch":
            import elastic_transport
            from elasticsearch import exceptions as es_exc

            errors += [elastic_transport.TransportError, es_exc.ConnectionError, es_exc.ConnectionTimeout]
        else:
            from opensearchpy import exceptions as os_exc

            errors += [os_exc.ConnectionError, os_exc.ConnectionTimeout]
        return tuple(errors)

    def _do(self, fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except self._errors() as exc:
            raise EngineUnavailable(f"{type(exc).__name__}: {exc}") from exc

    def _answer_errors(self):
        """What the engine answers instead of results (a missing index, a mapping that does not fit the query)."""
        if self.kind == "elasticsearch":
            from elasticsearch import ApiError

            return (ApiError,)
        from opensearchpy.exceptions import TransportError

        return (TransportError,)

    def _query(self, what, search, missing_is_empty=True):
        """Run an elasticsearch-dsl Search on the alias with the short timeout.

        A missing index is an empty answer, or (``missing_is_empty=False``) like any error the engine answers, a
        reason for the database to answer instead (EngineUnavailable).
        """
        try:
            return self._do(
                self.search_client.search,
                index=self.alias(what),
                body=search.to_dict(),
                ignore_unavailable=missing_is_empty,
            )
        except self._answer_errors() as exc:
            raise EngineUnavailable(f"{type(exc).__name__}: {exc}") from exc

    def alias(self, what):
        return f"{self.prefix}-{what}"

    def has_kuromoji(self):
        if self._kuromoji is None:
            plugins = self._do(self.search_client.cat.plugins, format="json")
            self._kuromoji = any("kuromoji" in (p.get("component") or "") for p in plugins)
        return self._kuromoji

    def ping(self):
        try:
            return bool(self._do(self.client.cluster.health))
        except EngineUnavailable:
            return False

    # --- indexes and aliases ------------------------------------------------------------------------------------

    def _create_index(self, what, properties, bulk=False):
        """A new concrete index for ``what``; ``properties(kuromoji)`` gives its mapping.

        ``bulk``: the index is about to be filled by a rebuild, so it starts without replicas and without
        periodic refreshes (each document is analysed once, on one node); ``_finish_bulk`` restores both."""
        name = f"{self.alias(what)}-{time.strftime('%Y%m%d%H%M%S')}-{int(time.time() * 1000) % 1000:03d}"
        kuromoji = self.has_kuromoji()
        loading = {"number_of_replicas": 0, "refresh_interval": "-1"} if bulk else {}
        self._do(
            self.client.indices.create,
            index=name,
            body={
                "settings": {**_analysis(kuromoji), "number_of_replicas": self.replicas, **loading},
                "mappings": {"properties": properties(kuromoji)},
            },
        )
        return name

    def _finish_bulk(self, index, wait=120):
        """A bulk-filled index made ready for its alias: refreshed and flushed (forced: its translog is empty, so a
        node that restarts, even after SIGKILL, opens it from its segments instead of replaying every document),
        given its replicas (copied as files) and, on a cluster, waited for until green (at most ``wait`` seconds:
        a node that is down leaves it yellow, as any index, and the primaries serve it meanwhile); then every copy
        is merged into one segment (its facet counts and sorts need no ordinal map across segments: at a million
        listings a nationwide search takes about half the time) and flushed again. The merge comes last because a
        replica copies the primary's last safe commit, which can still be the one from before the merge."""
        self._do(self.client.indices.refresh, index=index)
        self._do(self.client.indices.flush, index=index, force=True)
        settings_body = {"index": {"number_of_replicas": self.replicas, "refresh_interval": None}}
        self._do(self.client.indices.put_settings, index=index, body=settings_body)
        deadline = time.monotonic() + wait
        while self.replicas and time.monotonic() < deadline:
            if self._do(self.client.cluster.health, index=index)["status"] == "green":
                break
            time.sleep(0.5)
        self._force_merge(index)
        self._do(self.client.indices.refresh, index=index)  # searches see the merged segment now
        self._do(self.client.indices.flush, index=index, force=True)

    def _force_merge(self, index, timeout=900):
        """Merge a new index into one segment per shard (no document is analysed again: 16 s for 1M listings on
        this 2-core box); a long call, so a longer timeout than other writes."""
        if self.kind == "elasticsearch":
            merge = self.client.options(request_timeout=timeout).indices.forcemerge
            self._do(merge, index=index, max_num_segments=1)
        else:
            self._do(self.client.indices.forcemerge, index=index, max_num_segments=1, request_timeout=timeout)

    def _alias_exists(self, what):
        return self._do(self.client.indices.exists_alias, name=self.alias(what))

    def _ensure(self, what, properties):
        alias = self.alias(what)
        if not self._alias_exists(what):
            name = self._create_index(what, properties)
            self._do(self.client.indices.put_alias, index=name, name=alias)
        return alias

    def _swap(self, what, new_index):
        alias = self.alias(what)
        actions = [{"add": {"index": new_index, "alias": alias}}]
        old = []
        if self._do(self.client.indices.exists_alias, name=alias):
            old = list(self._do(self.client.indices.get_alias, name=alias).keys())
            actions = [{"remove": {"index": i, "alias": alias}} for i in old] + actions
        self._do(self.client.indices.update_aliases, body={"actions": actions})
        for index in old:
            self._do(self.client.indices.delete, index=index)

    def _drop_alias(self, what):
        """Delete the indexes behind an alias that is no longer used (an older mapping version), if any."""
        alias = self.alias(what)
        if self._do(self.client.indices.exists_alias, name=alias):
            for index in self._do(self.client.indices.get_alias, name=alias):
                self._do(self.client.indices.delete, index=index)

    def scan(self, what, exclude=(), batch=2000):
        """(id, source) of every document behind an alias (a scroll; none when the alias is missing)."""
        if not self._alias_exists(what):
            return
        source = {"excludes": list(exclude)} if exclude else True
        body = {"query": {"match_all": {}}, "_source": source, "size": batch, "sort": ["_doc"]}
        page = self._do(self.client.search, index=self.alias(what), body=body, scroll="2m")
        try:
            while page["hits"]["hits"]:
                for hit in page["hits"]["hits"]:
                    yield hit["_id"], hit["_source"]
                page = self._do(self.client.scroll, scroll_id=page["_scroll_id"], scroll="2m")
        finally:
            self._do(self.client.clear_scroll, scroll_id=page["_scroll_id"])

    def _bulk_in_batches(self, index, pairs, batch, progress=None):
        """Send (id, document) pairs in bulk requests of ``batch``; ``progress(n)`` after each."""
        chunk = []
        for pair in pairs:
            chunk.append(pair)
            if len(chunk) >= batch:
                self._bulk(index, chunk)
                if progress:
                    progress(len(chunk))
                chunk = []
        self._bulk(index, chunk)
        if progress and chunk:
            progress(len(chunk))

    def _bulk(self, index, docs, refresh=False):
        lines = []
        for doc_id, doc in docs:
            lines.append({"index": {"_index": index, "_id": doc_id}})
            lines.append(doc)
        self._send_bulk(lines, refresh)
        return len(docs)

    def _bulk_delete(self, index, doc_ids, refresh=True):
        """Delete documents by id in one bulk call (an id that is not there is no error).

        Not ``_delete_by_query``: it lives in Elasticsearch's reindex module, which a minimal node may lack,
        and it runs a search and a scroll for what is a list of ids."""
        self._send_bulk([{"delete": {"_index": index, "_id": str(doc_id)}} for doc_id in doc_ids], refresh)

    def _send_bulk(self, lines, refresh):
        if lines:
            result = self._do(self.client.bulk, body=lines, refresh="true" if refresh else "false")
            if result.get("errors"):
                raise RuntimeError(f"bulk request failed: {result['items'][:1]}")
