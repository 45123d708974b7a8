package dev.skiff.store.testing;

import dev.skiff.testing.FreePorts;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * A real etcd for tests, one member or a cluster of several: the etcd binary found on the PATH, on
 * free loopback ports, with fresh data directories. {@link #start()} and {@link #startCluster(int)}
 * return once every member answers its health check (a leader has been elected); {@link #close()}
 * stops the members and deletes the directories. A JVM shutdown hook stops them too if a test run
 * ends without closing.
 *
 * <p>Raft ticks are shortened (heartbeat 50 ms, election 500 ms): members elect a leader sooner,
 * and leases may be as short as 1 s (etcd's floor is 1.5 election timeouts).
 */
public final class EtcdServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EtcdServer.class);
    private static final Duration STARTUP_DEADLINE = Duration.ofSeconds(30);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final int START_ATTEMPTS = 3;

    private record Member(String name, String clientUrl, Process process, Path log) {
    }

    private final List<Member> members;
    private final Path directory;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EtcdServer(List<Member> members, Path directory) {
        this.members = members;
        this.directory = directory;
        this.shutdownHook = new Thread(() -> members.forEach(m -> m.process.destroyForcibly()), "skiff-etcd-test-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a single member and waits until it answers.
     *
     * @throws IllegalStateException if etcd is not installed or does not come up (with its log)
     */
    public static EtcdServer start() {
        return startCluster(1);
    }

    /**
     * Starts a cluster of {@code size} members on loopback and waits until every member answers.
     *
     * @throws IllegalStateException if etcd is not installed or does not come up (with its logs)
     */
    public static EtcdServer startCluster(int size) {
        Path binary = findBinary();
        IllegalStateException failure = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                return startOnce(binary, size);
            } catch (IllegalStateException e) {
                // most likely a port taken between choosing and binding it: try others
                LOG.warnf("etcd did not start (attempt %d of %d): %s", attempt, START_ATTEMPTS, e.getMessage());
                failure = e;
            }
        }
        throw failure;
    }

    /** The first member's client URL, e.g. {@code http://127.0.0.1:40123}. */
    public String endpoint() {
        return members.get(0).clientUrl;
    }

    /** Every member's client URL, in member order. */
    public List<String> endpoints() {
        return members.stream().map(Member::clientUrl).toList();
    }

    /** Stops one member (SIGKILL: a crash), leaving the others running. */
    public void killMember(int index) {
        Process process = members.get(index).process;
        process.destroyForcibly();
        waitForExit(process, STOP_GRACE);
    }

    /** Stops every member (SIGTERM, then SIGKILL after a grace period) and deletes the data; once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        members.forEach(member -> stop(member.process));
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook does no harm
        }
        deleteRecursively(directory);
    }

    private static EtcdServer startOnce(Path binary, int size) {
        int[] ports = FreePorts.allocate(2 * size);
        Path directory = createTempDirectory();
        String initialCluster = IntStream.range(0, size)
                .mapToObj(i -> "member" + i + "=http://127.0.0.1:" + ports[2 * i + 1])
                .collect(Collectors.joining(","));
        List<Member> members = new ArrayList<>();
        try {
            for (int i = 0; i < size; i++) {
                members.add(launch(binary, "member" + i, ports[2 * i], ports[2 * i + 1], initialCluster, directory));
            }
            for (Member member : members) {
                awaitHealthy(member);
            }
        } catch (RuntimeException e) {
            members.forEach(member -> stop(member.process));
            deleteRecursively(directory);
            throw e;
        }
        LOG.debugf("etcd up at %s (data in %s)", members.stream().map(Member::clientUrl).toList(), directory);
        return new EtcdServer(members, directory);
    }

    private static Member launch(Path binary, String name, int clientPort, int peerPort, String initialCluster,
                                 Path directory) {
        String clientUrl = "http://127.0.0.1:" + clientPort;
        String peerUrl = "http://127.0.0.1:" + peerPort;
        Path log = directory.resolve(name + ".log");
        List<String> command = List.of(binary.toString(),
                "--name", name,
                "--data-dir", directory.resolve(name).toString(),
                "--listen-client-urls", clientUrl,
                "--advertise-client-urls", clientUrl,
                "--listen-peer-urls", peerUrl,
                "--initial-advertise-peer-urls", peerUrl,
                "--initial-cluster", initialCluster,
                "--initial-cluster-state", "new",
                "--heartbeat-interval", "50",
                "--election-timeout", "500",
                "--logger", "zap",
                "--log-outputs", "stderr",
                "--log-level", "warn");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new Member(name, clientUrl, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + binary, e);
        }
    }

    /** Polls /health until the member reports healthy, its process dies, or the deadline passes. */
    private static void awaitHealthy(Member member) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(member.clientUrl + "/health"))
                .timeout(Duration.ofSeconds(1))
                .build();
        long deadline = System.nanoTime() + STARTUP_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"health\":\"true\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for etcd", e);
            }
            if (waitForExit(member.process, Duration.ofMillis(50))) {
                throw new IllegalStateException("etcd " + member.name + " exited with status "
                        + member.process.exitValue() + ":\n" + read(member.log));
            }
        }
        throw new IllegalStateException("etcd " + member.name + " did not become healthy within "
                + STARTUP_DEADLINE.toSeconds() + " s:\n" + read(member.log));
    }

    private static Path findBinary() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "etcd"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("etcd is not on the PATH. Run ./skiff test, which"
                        + " installs what the tests need, or install it: apt-get install etcd-server"));
    }

    private static boolean waitForExit(Process process, Duration wait) {
        try {
            return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for etcd", e);
        }
    }

    private static void stop(Process process) {
        process.destroy();
        if (!waitForExit(process, STOP_GRACE)) {
            process.destroyForcibly();
            waitForExit(process, STOP_GRACE);
        }
    }

    private static Path createTempDirectory() {
        try {
            return Files.createTempDirectory("skiff-etcd-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for etcd", e);
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warnf(e, "cannot delete etcd's directory %s", directory);
        }
    }
}
