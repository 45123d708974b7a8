package dev.skiff.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The api-server run from its Quarkus jar as a process of its own, on a loopback port. */
final class ApiServerProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final ChildProcess process;
    private final URI baseUri;

    private ApiServerProcess(ChildProcess process, URI baseUri) {
        this.process = process;
        this.baseUri = baseUri;
    }

    /** An api-server on the embedded store, its JVM run with JVM_OPTIONS; its database, home and log in DIR. */
    static ApiServerProcess withEmbeddedStore(Path jar, List<String> jvmOptions, Path dir, int port, Cleanup cleanup)
            throws InterruptedException {
        return start(jar, jvmOptions, dir, port, cleanup, Map.of(
                "SKIFF_STORE_BACKEND", Backend.EMBEDDED.configName(),
                "SKIFF_STORE_EMBEDDED_DIR", dir.resolve("store").toString()));
    }

    /** An api-server on the etcd at ETCD, its JVM run with JVM_OPTIONS; its home and log in DIR. */
    static ApiServerProcess withEtcd(Path jar, List<String> jvmOptions, URI etcd, Path dir, int port, Cleanup cleanup)
            throws InterruptedException {
        return start(jar, jvmOptions, dir, port, cleanup, Map.of(
                "SKIFF_STORE_BACKEND", Backend.ETCD.configName(),
                "SKIFF_STORE_ETCD_ENDPOINTS", etcd.toString()));
    }

    /**
     * An api-server on the etcd at ETCD whose relay publishes to the Kafka at BOOTSTRAP_SERVERS,
     * recording its checkpoint every CHECKPOINT_INTERVAL (a Quarkus duration, e.g. {@code 50ms}),
     * its JVM run with JVM_OPTIONS.
     */
    static ApiServerProcess withEtcdAndRelay(Path jar, List<String> jvmOptions, URI etcd, String bootstrapServers,
                                             String checkpointInterval, Path dir, int port, Cleanup cleanup)
            throws InterruptedException {
        return start(jar, jvmOptions, dir, port, cleanup, Map.of(
                "SKIFF_STORE_BACKEND", Backend.ETCD.configName(),
                "SKIFF_STORE_ETCD_ENDPOINTS", etcd.toString(),
                "SKIFF_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers,
                "SKIFF_RELAY_CHECKPOINT_INTERVAL", checkpointInterval));
    }

    /** Starts the jar with the store settings and returns once {@code /readyz} answers 200. */
    private static ApiServerProcess start(Path jar, List<String> jvmOptions, Path dir, int port, Cleanup cleanup,
                                          Map<String, String> store)
            throws InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new BenchFailure("the api-server jar " + jar.toAbsolutePath()
                    + " is missing: build it with mvn -DskipTests install at the repository root");
        }
        Map<String, String> environment = new HashMap<>(store);
        environment.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        environment.put("SKIFF_HOME", dir.toString());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ChildProcess process = ChildProcess.start("api-server", command, environment,
                dir.resolve("api-server.log"), cleanup);
        URI baseUri = URI.create("http://127.0.0.1:" + port);
        process.awaitHttpOk(baseUri.resolve("/readyz"), READY_TIMEOUT);
        return new ApiServerProcess(process, baseUri);
    }

    URI baseUri() {
        return baseUri;
    }

    @Override
    public void close() {
        process.close();
    }
}
