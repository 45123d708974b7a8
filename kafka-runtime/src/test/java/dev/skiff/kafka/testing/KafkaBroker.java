package dev.skiff.kafka.testing;

import dev.skiff.testing.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker for tests: a single-node KRaft cluster (one process is broker and controller)
 * run as its own JVM from the {@link KafkaRuntime}, on free loopback ports, with its data in a fresh
 * temporary directory. {@link #start()} returns once the broker answers an admin client;
 * {@link #stop()} and {@link #restart()} take it down and up again on the same ports with the same
 * data; {@link #close()} kills it and deletes the directory. A JVM shutdown hook does the same if a
 * test run ends without closing.
 *
 * <p>The broker's log (its output and the storage formatting's) is {@code broker.log} in its
 * directory; a failure to start carries its tail.
 */
public final class KafkaBroker implements AutoCloseable {

    /**
     * Extra broker settings under which compaction shows within a second or two: the cleaner looks for
     * work every 100 ms, segments roll 500 ms after their first record (the active segment is never
     * compacted, so a test must produce again after that), a log is compacted as soon as 1% of it is
     * dirty, and tombstones go 1 s after compaction. Each is a broker-wide default that a topic's own
     * setting overrides ({@code segment.ms}, {@code min.cleanable.dirty.ratio}, {@code delete.retention.ms}).
     */
    public static final Map<String, String> QUICK_COMPACTION = Map.of(
            "log.cleaner.backoff.ms", "100",
            "log.roll.ms", "500",
            "log.cleaner.min.cleanable.ratio", "0.01",
            "log.cleaner.delete.retention.ms", "1000");

    private static final System.Logger LOG = System.getLogger(KafkaBroker.class.getName());
    private static final Duration STARTUP_DEADLINE = Duration.ofSeconds(60);
    private static final Duration FORMAT_DEADLINE = Duration.ofSeconds(60);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(30);
    private static final Duration KILL_DEADLINE = Duration.ofSeconds(10);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    private static final int START_ATTEMPTS = 3;
    private static final int LOG_TAIL_LINES = 60;
    private static final Set<String> NODE_SETTINGS = Set.of(
            "listeners", "advertised.listeners", "controller.quorum.bootstrap.servers", "log.dirs");

    private final KafkaRuntime runtime;
    private final Path directory;
    private final int port;
    private final Thread shutdownHook;
    private volatile Process process;
    private volatile boolean closed;

    private KafkaBroker(KafkaRuntime runtime, Path directory, int port) {
        this.runtime = runtime;
        this.directory = directory;
        this.port = port;
        this.shutdownHook = new Thread(this::destroy, "skiff-kafka-test-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a broker with Skiff's shared settings and waits until it answers.
     *
     * @throws IllegalStateException if the runtime is missing or the broker does not come up (with its log)
     */
    public static KafkaBroker start() {
        return start(Map.of());
    }

    /**
     * Starts a broker with these settings on top of Skiff's shared ones (e.g. {@link #QUICK_COMPACTION})
     * and waits until it answers. Listeners and {@code log.dirs} belong to the harness.
     *
     * @throws IllegalArgumentException if a setting names a listener or {@code log.dirs}
     * @throws IllegalStateException if the runtime is missing or the broker does not come up (with its log)
     */
    public static KafkaBroker start(Map<String, String> settings) {
        List<String> owned = settings.keySet().stream().filter(NODE_SETTINGS::contains).sorted().toList();
        if (!owned.isEmpty()) {
            throw new IllegalArgumentException("the harness sets " + owned + " itself; leave them out");
        }
        KafkaRuntime runtime = KafkaRuntime.locate();
        for (int attempt = 1; ; attempt++) {
            int[] ports = FreePorts.allocate(2);
            KafkaBroker broker = new KafkaBroker(runtime, createTempDirectory(), ports[0]);
            try {
                broker.format(ports[1], settings);
                broker.launch();
                return broker;
            } catch (PortTakenException e) {
                broker.close();
                if (attempt == START_ATTEMPTS) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
                LOG.log(System.Logger.Level.WARNING, "Kafka could not bind its ports (attempt {0} of {1}); trying others",
                        attempt, START_ATTEMPTS);
            } catch (RuntimeException e) {
                broker.close();
                throw e;
            }
        }
    }

    /** Where clients connect: {@code 127.0.0.1:PORT}, the same across {@link #restart()}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Stops the broker (SIGTERM, SIGKILL after 30 s), keeping its data for {@link #restart()}. */
    public synchronized void stop() {
        Process running = process;
        if (running == null) {
            return;
        }
        running.destroy();
        if (!waitForExit(running, STOP_DEADLINE)) {
            LOG.log(System.Logger.Level.WARNING, "Kafka did not stop within {0} s of SIGTERM; killing it",
                    STOP_DEADLINE.toSeconds());
            running.destroyForcibly();
            waitForExit(running, KILL_DEADLINE);
        }
        process = null;
    }

    /**
     * Stops the broker if it runs, then starts it again on the same ports with the same data and
     * waits until it answers.
     *
     * @throws IllegalStateException if it does not come up (with its log), or the broker was closed
     */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("this broker was closed; start a new one");
        }
        stop();
        try {
            launch();
        } catch (PortTakenException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Kills the broker and deletes its directory; once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        destroy();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down and runs the hook itself
        }
    }

    /** The broker's directory: its settings, data and log. */
    Path directory() {
        return directory;
    }

    private void format(int controllerPort, Map<String, String> settings) {
        Properties properties = runtime.sharedSettings();
        properties.putAll(settings);
        properties.setProperty("listeners",
                "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        properties.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        properties.setProperty("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        properties.setProperty("log.dirs", directory.resolve("data").toString());
        try (Writer writer = Files.newBufferedWriter(serverProperties(), StandardCharsets.UTF_8)) {
            properties.store(writer, "written by " + KafkaBroker.class.getName());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + serverProperties(), e);
        }
        Process tool = run(runtime.command("kafka.tools.StorageTool", "format", "--standalone",
                "--cluster-id", Uuid.randomUuid().toString(), "--config", serverProperties().toString()));
        if (!waitForExit(tool, FORMAT_DEADLINE)) {
            tool.destroyForcibly();
            throw new IllegalStateException("formatting Kafka's storage took longer than "
                    + FORMAT_DEADLINE.toSeconds() + " s; its log:\n" + logTail());
        }
        if (tool.exitValue() != 0) {
            throw new IllegalStateException("formatting Kafka's storage failed (exit status " + tool.exitValue()
                    + "); its log:\n" + logTail());
        }
    }

    /** Starts the broker process and waits until it answers; on failure it is killed. */
    private void launch() {
        process = run(runtime.command("kafka.Kafka", serverProperties().toString()));
        try {
            awaitReady();
        } catch (RuntimeException e) {
            process.destroyForcibly();
            waitForExit(process, KILL_DEADLINE);
            process = null;
            throw e;
        }
    }

    /**
     * Waits until the port accepts connections (without a client's retry warnings), then until an
     * admin client sees the broker in the cluster; fails if the process exits or the deadline passes.
     */
    private void awaitReady() {
        long deadline = System.nanoTime() + STARTUP_DEADLINE.toNanos();
        while (!acceptsConnections()) {
            failIfExitedOrLate(deadline);
        }
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT.toMillis());
        try (Admin admin = Admin.create(config)) {
            while (true) {
                try {
                    Collection<Node> nodes = admin.describeCluster().nodes()
                            .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    if (!nodes.isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // not serving requests yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for Kafka", e);
                }
                failIfExitedOrLate(deadline);
            }
        }
    }

    private boolean acceptsConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits up to 100 ms for the broker to exit; throws if it did, or if the deadline has passed. */
    private void failIfExitedOrLate(long deadline) {
        if (waitForExit(process, Duration.ofMillis(100))) {
            String log = logTail();
            String message = "Kafka exited with status " + process.exitValue() + " while starting; its log:\n" + log;
            if (log.contains("Address already in use")) {
                throw new PortTakenException(message);
            }
            throw new IllegalStateException(message);
        }
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("Kafka did not answer on " + bootstrapServers() + " within "
                    + STARTUP_DEADLINE.toSeconds() + " s; its log:\n" + logTail());
        }
    }

    private Process run(List<String> command) {
        try {
            return new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        }
    }

    /** Kills the process, if any, and deletes the directory; safe to call from the shutdown hook. */
    private void destroy() {
        closed = true;
        Process running = process;
        if (running != null) {
            running.destroyForcibly();
            waitForExit(running, KILL_DEADLINE);
            process = null;
        }
        deleteRecursively(directory);
    }

    private Path serverProperties() {
        return directory.resolve("server.properties");
    }

    private Path log() {
        return directory.resolve("broker.log");
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static boolean waitForExit(Process process, Duration wait) {
        try {
            return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }

    private static Path createTempDirectory() {
        try {
            return Files.createTempDirectory("skiff-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for Kafka", e);
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot delete the Kafka directory " + directory, e);
        }
    }

    /** The broker could not bind a port: another process took it after it was chosen. */
    private static final class PortTakenException extends RuntimeException {
        PortTakenException(String message) {
            super(message);
        }
    }
}
