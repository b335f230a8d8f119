package jp.kosodatehub.elasticsearchnode;

import java.io.Closeable;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.MockNode;
import org.elasticsearch.node.Node;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.transport.netty4.Netty4Plugin;

import jp.kosodatehub.elasticsearchnode.kuromoji.KuromojiAnalysisPlugin;

/**
 * Starts one embedded Elasticsearch 8 node for kosodate-hub's engine tests and keeps it running until the
 * process is killed (SIGTERM closes the node cleanly).
 *
 * <p>The node is Elastic's own server jar started through the test framework's {@link MockNode} (a
 * {@link Node} that takes class-path plugins), with Elastic's Netty HTTP transport. Maven Central has no
 * Elasticsearch 8 modules besides transport-netty4 (no analysis-common, reindex, x-pack, kuromoji), so:
 * <ul>
 *   <li>no security at all (x-pack is not there): plain HTTP, no auth;</li>
 *   <li>the analysis components our mappings use that live in analysis-common (whitespace, lowercase,
 *       cjk_width, cjk_bigram) come from {@link CommonAnalysisPlugin}, and kuromoji_* from
 *       {@link KuromojiAnalysisPlugin}: the same Lucene classes Elastic's modules wrap, same defaults;</li>
 *   <li>no _delete_by_query / _reindex / _update_by_query (the reindex module).</li>
 * </ul>
 *
 * <p>Environment: {@code ELASTICSEARCH_PORT} (default 9201), {@code ELASTICSEARCH_HOME} (default
 * {@code var/elasticsearch}), {@code ELASTICSEARCH_KUROMOJI=0} to leave the kuromoji plugin out.
 */
public final class Main {

    static final String CLUSTER_NAME = "kosodate-test";

    private Main() {
    }

    public static void main(final String[] args) throws Exception {
        final int port = parsePort(System.getenv("ELASTICSEARCH_PORT"));
        final String homeEnv = System.getenv("ELASTICSEARCH_HOME");
        final Path home = Paths.get(homeEnv == null || homeEnv.isBlank() ? "var/elasticsearch" : homeEnv)
                .toAbsolutePath().normalize();
        final Path nodeHome = home.resolve("node_1");
        Files.createDirectories(nodeHome.resolve("config"));
        Files.createDirectories(nodeHome.resolve("data"));
        Files.createDirectories(nodeHome.resolve("logs"));

        final List<Class<? extends Plugin>> plugins = new ArrayList<>();
        plugins.add(Netty4Plugin.class);
        plugins.add(CommonAnalysisPlugin.class);
        if (!"0".equals(System.getenv("ELASTICSEARCH_KUROMOJI"))) {
            plugins.add(KuromojiAnalysisPlugin.class);
        }

        final Settings settings = Settings.builder()
                .put("path.home", nodeHome.toString())
                .put("path.data", nodeHome.resolve("data").toString())
                .put("path.logs", nodeHome.resolve("logs").toString())
                .put("cluster.name", CLUSTER_NAME)
                .put("node.name", "kosodate-test-node")
                .put("network.host", "127.0.0.1")
                .put("http.port", String.valueOf(port))
                // The transport port is only bound on loopback; let it pick a free one in 9300-9400.
                .put("transport.port", "9300-9400")
                .put("discovery.type", "single-node")
                .putList("node.roles", "master", "data", "ingest")
                .put("bootstrap.memory_lock", false)
                // Work on any disk, even a nearly full CI disk.
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .put("cluster.routing.allocation.disk.watermark.low", "99%")
                .put("cluster.routing.allocation.disk.watermark.high", "99%")
                .put("cluster.routing.allocation.disk.watermark.flood_stage", "99%")
                // Tests create and drop indices freely (with wildcards).
                .put("action.destructive_requires_name", false)
                .build();

        LogConfigurator.registerErrorListener();
        LogConfigurator.setNodeName("kosodate-test-node");
        LogConfigurator.configureESLogging();
        LogConfigurator.configureWithoutConfig(settings);

        final Node node;
        try {
            node = newNode(settings, plugins, nodeHome.resolve("config"));
            node.start();
        } catch (final Throwable t) {
            System.err.println("[elasticsearch-node] failed to start: " + t);
            t.printStackTrace();
            Runtime.getRuntime().halt(1);
            return;
        }

        final CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                System.out.println("[elasticsearch-node] shutting down");
                node.close();
                node.awaitClose(20, TimeUnit.SECONDS);
            } catch (final Exception e) {
                e.printStackTrace();
            } finally {
                closed.countDown();
            }
        }, "elasticsearch-node-shutdown"));

        final List<String> names = new ArrayList<>();
        plugins.forEach(p -> names.add(p.getSimpleName()));
        System.out.println("[elasticsearch-node] ready on http://127.0.0.1:" + port + " (cluster " + CLUSTER_NAME
                + ", home " + home + ", plugins " + names + ")");
        closed.await();
    }

    /**
     * A MockNode built on an Environment we prepare ourselves: MockNode's public constructors prepare it through
     * ESTestCase, whose static initialiser bootstraps the test natives and refuses to run as root (CI runs as
     * root). The private constructor that takes the Environment does the rest (class-path plugins).
     */
    static Node newNode(final Settings settings, final List<Class<? extends Plugin>> plugins, final Path configPath)
            throws Exception {
        final Environment environment = InternalSettingsPreparer.prepareEnvironment(settings, Collections.emptyMap(),
                configPath, () -> "kosodate-test-node");
        final Constructor<MockNode> ctor = MockNode.class.getDeclaredConstructor(Environment.class, Collection.class,
                boolean.class, Closeable.class);
        ctor.setAccessible(true);
        final Closeable onClose = () -> {
        };
        return ctor.newInstance(environment, plugins, true, onClose);
    }

    static int parsePort(final String value) {
        if (value == null || value.isBlank()) {
            return 9201;
        }
        final int port = Integer.parseInt(value.trim());
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("ELASTICSEARCH_PORT out of range: " + value);
        }
        return port;
    }
}
