package jp.kosodatehub.opensearchnode;

import static org.codelibs.opensearch.runner.OpenSearchRunner.newConfigs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * Starts one embedded OpenSearch node for kosodate-hub's tests and CI and keeps
 * it running until the process is killed (SIGTERM closes the node cleanly).
 *
 * <p>Environment:
 * <ul>
 *   <li>{@code OPENSEARCH_PORT}: HTTP port on 127.0.0.1 (default 9200)</li>
 *   <li>{@code OPENSEARCH_HOME}: directory for config, data and logs
 *       (default {@code var/opensearch}, relative to the working directory;
 *       scripts/opensearch passes an absolute path)</li>
 *   <li>{@code OPENSEARCH_SEED_HOSTS}: when set (comma-separated
 *       {@code 127.0.0.1:port} transport addresses of every node), the node
 *       joins a cluster instead of running alone; then also
 *       {@code OPENSEARCH_NODE} (its number, 1..n),
 *       {@code OPENSEARCH_TRANSPORT_PORT} (its transport port) and
 *       {@code OPENSEARCH_CLUSTER_SIZE} (n: nodes 1..n are the initial
 *       cluster-manager-eligible nodes that bootstrap the first election)</li>
 * </ul>
 *
 * <p>Plain HTTP, no security plugin, single-node discovery (or the seed hosts
 * above), disk-based shard allocation disabled so it works on an almost full
 * disk.
 */
public final class Main {

    static final String CLUSTER_NAME = "kosodate-test";
    static final String MULTI_NODE_CLUSTER_NAME = "kosodate-cluster";

    /** Optional plugins: loaded when their class is on the class path. */
    static final String[] OPTIONAL_PLUGINS = {
        "org.opensearch.plugin.analysis.kuromoji.AnalysisKuromojiPlugin",
    };

    private Main() {
    }

    public static void main(final String[] args) throws Exception {
        final int port = parsePort(System.getenv("OPENSEARCH_PORT"));
        final String homeEnv = System.getenv("OPENSEARCH_HOME");
        final Path home = Paths.get(homeEnv == null || homeEnv.isBlank() ? "var/opensearch" : homeEnv)
                .toAbsolutePath().normalize();
        Files.createDirectories(home);

        final List<String> plugins = new ArrayList<>();
        for (final String type : OPTIONAL_PLUGINS) {
            try {
                Class.forName(type, false, Main.class.getClassLoader());
                plugins.add(type);
            } catch (final ClassNotFoundException e) {
                System.out.println("[opensearch-node] optional plugin not on class path: " + type);
            }
        }

        final String seeds = System.getenv("OPENSEARCH_SEED_HOSTS");
        final boolean cluster = seeds != null && !seeds.isBlank();
        final int nodeNumber = cluster ? Integer.parseInt(System.getenv("OPENSEARCH_NODE").trim()) : 1;
        final int size = cluster ? Integer.parseInt(System.getenv("OPENSEARCH_CLUSTER_SIZE").trim()) : 1;
        final String transportPort =
                cluster ? String.valueOf(parsePort(System.getenv("OPENSEARCH_TRANSPORT_PORT"))) : null;
        final String clusterName = cluster ? MULTI_NODE_CLUSTER_NAME : CLUSTER_NAME;
        final String nodeName = cluster ? "kosodate-node-" + nodeNumber : "kosodate-test-node";
        final List<String> managers = new ArrayList<>();
        for (int n = 1; n <= size; n++) {
            managers.add("kosodate-node-" + n);
        }

        final OpenSearchRunner runner = new OpenSearchRunner();
        // Never probe/shift ports: use exactly the one given (http.port below).
        runner.setMaxHttpPort(-1);
        runner.onBuild((number, settings) -> {
            settings.put("network.host", "127.0.0.1");
            settings.put("http.port", String.valueOf(port));
            if (cluster) {
                // Zen discovery through the other nodes' transport ports; the first election needs the names of
                // the cluster-manager-eligible nodes (ignored once the cluster state is on disk).
                settings.put("discovery.type", "zen");
                settings.put("transport.port", transportPort);
                settings.putList("discovery.seed_hosts", seeds.split(","));
                settings.putList("cluster.initial_cluster_manager_nodes", managers);
            } else {
                settings.put("discovery.type", "single-node");
            }
            settings.putList("node.roles", "cluster_manager", "data", "ingest");
            settings.put("node.name", nodeName);
            settings.put("bootstrap.memory_lock", false);
            // Work on any disk, even a nearly full CI disk.
            settings.put("cluster.routing.allocation.disk.threshold_enabled", false);
            settings.put("cluster.routing.allocation.disk.watermark.low", "99%");
            settings.put("cluster.routing.allocation.disk.watermark.high", "99%");
            settings.put("cluster.routing.allocation.disk.watermark.flood_stage", "99%");
            // One node: new indices get no replicas by default, so they go green (a cluster: one replica).
            settings.put("cluster.default_number_of_replicas", cluster ? 1 : 0);
            // Tests create and drop indices freely.
            settings.put("action.destructive_requires_name", false);
        });

        final OpenSearchRunner.Configs configs = newConfigs()
                .basePath(home.toString())
                .numOfNode(1)
                // The runner gives node N the port baseHttpPort + N (only echoed in its banner:
                // http.port above is what is bound).
                .baseHttpPort(port - 1)
                .clusterName(clusterName)
                .printOnFailure();
        if (!plugins.isEmpty()) {
            configs.pluginTypes(String.join(",", plugins));
        }

        final CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                System.out.println("[opensearch-node] shutting down");
                runner.close();
            } catch (final Exception e) {
                e.printStackTrace();
            } finally {
                closed.countDown();
            }
        }, "opensearch-node-shutdown"));

        try {
            runner.build(configs);
            if (!cluster) { // a cluster node waits for the others; scripts/opensearch waits for the cluster's health
                runner.ensureYellow();
            }
        } catch (final Throwable t) {
            System.err.println("[opensearch-node] failed to start: " + t);
            t.printStackTrace();
            Runtime.getRuntime().halt(1);
        }
        System.out.println("[opensearch-node] " + nodeName + " ready on http://127.0.0.1:" + port + " (cluster " + clusterName
                + ", home " + home + ", plugins " + plugins + ")");
        closed.await();
    }

    static int parsePort(final String value) {
        if (value == null || value.isBlank()) {
            return 9200;
        }
        final int port = Integer.parseInt(value.trim());
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("OPENSEARCH_PORT out of range: " + value);
        }
        return port;
    }
}
