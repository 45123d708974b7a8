package dev.skiff.systemtests.harness;

import dev.skiff.kafka.testing.KafkaBroker;
import dev.skiff.store.testing.EtcdServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * A Skiff control plane for one test: a real etcd, a real Kafka broker, and the api-servers the test
 * starts on them; and a direct view of etcd ({@link StoreHistory}). The api-servers' homes and logs
 * are kept under {@code target/system-tests/} for inspection after a run; {@link #close()} kills
 * everything and deletes etcd's and Kafka's data.
 */
public final class Cluster implements AutoCloseable {

    /** How long the relay's leadership outlives its holder (short, so fail-over is quick to test). */
    public static final Duration RELAY_LEASE = Duration.ofSeconds(3);
    public static final String CONFIGMAPS_TOPIC = "skiff.core.configmaps";

    private static final Duration FIRST_CHECKPOINT_DEADLINE = Duration.ofSeconds(60);

    private final EtcdServer etcd;
    private final KafkaBroker kafka;
    private final StoreHistory history;
    private final Path directory;
    private final List<ApiServerProcess> servers = new ArrayList<>();

    private Cluster(EtcdServer etcd, KafkaBroker kafka, Path directory) {
        this.etcd = etcd;
        this.kafka = kafka;
        this.directory = directory;
        this.history = new StoreHistory(etcd.endpoint());
    }

    /**
     * Starts etcd and a Kafka broker with these broker settings on top of Skiff's (e.g.
     * {@link KafkaBroker#QUICK_COMPACTION}); no api-server yet.
     *
     * @param name names the folder of the api-servers' homes and logs
     */
    public static Cluster start(String name, Map<String, String> brokerSettings) {
        Path directory = createDirectory(name);
        EtcdServer etcd = EtcdServer.start();
        try {
            return new Cluster(etcd, KafkaBroker.start(brokerSettings), directory);
        } catch (RuntimeException e) {
            etcd.close();
            throw e;
        }
    }

    /** Starts an api-server on the cluster's etcd whose relay publishes to its Kafka; returns once it is ready. */
    public ApiServerProcess startApiServer(String name) {
        return startApiServer(name, Map.of());
    }

    /** Starts an api-server relaying to the cluster's Kafka, with SETTINGS (environment variables) over the defaults. */
    public ApiServerProcess startApiServer(String name, Map<String, String> settings) {
        Map<String, String> all = storeSettings();
        all.put("SKIFF_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        all.put("SKIFF_KAFKA_PODS_BY_NODE_PARTITIONS", "8");
        all.put("SKIFF_RELAY_CHECKPOINT_INTERVAL", "50ms");
        all.put("SKIFF_RELAY_LEASE_DURATION", RELAY_LEASE.toSeconds() + "s");
        all.putAll(settings);
        return launch(name, all);
    }

    /** Starts an api-server on the cluster's etcd without Kafka settings, so with no relay. */
    public ApiServerProcess startApiServerWithoutRelay(String name) {
        return launch(name, storeSettings());
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    /** etcd, read directly. */
    public StoreHistory history() {
        return history;
    }

    /**
     * Waits until a relay has saved its first checkpoint, which it does once it has published the
     * state of every object (its first snapshot): every change committed after this is published as
     * it is. (A change committed before may show only in the snapshot, which has each object's state
     * as it stood at the snapshot.)
     */
    public void awaitFirstRelayCheckpoint() {
        await("the relay's first checkpoint").atMost(FIRST_CHECKPOINT_DEADLINE)
                .until(() -> history.relayCheckpoint().isPresent());
    }

    /** The ConfigMaps' event topic, read from its beginning. */
    public EventLog configMapEvents() {
        return EventLog.fromBeginning(kafka.bootstrapServers(), CONFIGMAPS_TOPIC);
    }

    @Override
    public void close() {
        servers.forEach(ApiServerProcess::close);
        history.close();
        kafka.close();
        etcd.close();
    }

    private ApiServerProcess launch(String name, Map<String, String> settings) {
        ApiServerProcess server = ApiServerProcess.start(name, directory.resolve(name), settings);
        servers.add(server);
        return server;
    }

    private Map<String, String> storeSettings() {
        Map<String, String> settings = new HashMap<>();
        settings.put("SKIFF_STORE_BACKEND", "etcd");
        settings.put("SKIFF_STORE_ETCD_ENDPOINTS", etcd.endpoint());
        return settings;
    }

    private static Path createDirectory(String name) {
        try {
            Path base = Files.createDirectories(Path.of("target", "system-tests"));
            return Files.createTempDirectory(base.toAbsolutePath(), name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the api-servers of " + name, e);
        }
    }
}
