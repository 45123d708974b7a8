package dev.skiff.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kubelet run from its Quarkus jar as a process of its own, against the api-server's watch (no
 * Kafka), with its HTTP endpoint on a loopback port and its volumes in a scratch directory. Knows
 * when it was started, so that the time to its node's {@code Ready=True} can be told, and reads its
 * memory from {@code /proc}.
 */
final class KubeletProcess implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(10);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final ChildProcess process;
    private final long pid;
    private final long startedNanos;
    private final String nodeName;
    private final URI healthz;
    private final Path log;

    private KubeletProcess(ChildProcess process, long pid, long startedNanos, String nodeName, URI healthz, Path log) {
        this.process = process;
        this.pid = pid;
        this.startedNanos = startedNanos;
        this.nodeName = nodeName;
        this.healthz = healthz;
        this.log = log;
    }

    /** Starts the kubelet of JAR for node NODE_NAME with the JVM options, its log and root directory in DIR. */
    static KubeletProcess start(Path jar, List<String> jvmOptions, URI apiServer, String nodeName, Path dir, int port,
                                Cleanup cleanup) {
        if (!Files.isRegularFile(jar)) {
            throw new BenchFailure("the kubelet jar " + jar.toAbsolutePath()
                    + " is missing: build it with mvn -DskipTests install at the repository root");
        }
        Path absoluteJar = jar.toAbsolutePath();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(absoluteJar.toString());
        Map<String, String> environment = Map.of(
                "SKIFF_KUBELET_NODE_NAME", nodeName,
                "SKIFF_KUBELET_API_SERVER", apiServer.toString(),
                "SKIFF_KUBELET_ADDRESS", "127.0.0.1",
                "SKIFF_KUBELET_PORT", Integer.toString(port),
                "SKIFF_KUBELET_ROOT_DIR", dir.resolve("root").toString());
        Path log = dir.resolve("kubelet.log");
        long startedNanos = System.nanoTime();
        ChildProcess process = ChildProcess.start("kubelet", command, environment, log, cleanup);
        long pid = ProcessHandle.current().children()
                .filter(child -> child.info().commandLine().orElse("").contains(absoluteJar.toString()))
                .map(ProcessHandle::pid)
                .findFirst()
                .orElseThrow(() -> new BenchFailure("the kubelet process started but cannot be found among this one's children"));
        return new KubeletProcess(process, pid, startedNanos, nodeName,
                URI.create("http://127.0.0.1:" + port + "/healthz"), log);
    }

    /**
     * Polls the Node until its {@code Ready} condition is {@code True}; returns the time from the
     * process's start to then. Fails, showing the end of the kubelet's log, after the timeout.
     */
    Duration awaitNodeReady(HttpClient http, URI apiServer) throws InterruptedException {
        ObjectMapper json = new ObjectMapper();
        HttpRequest request = HttpRequest.newBuilder(apiServer.resolve("/api/v1/nodes/" + nodeName))
                .timeout(Duration.ofSeconds(5)).header("Accept", "application/json").GET().build();
        long deadline = startedNanos + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                process.awaitHttpOk(healthz, READY_TIMEOUT); // fails at once, with the end of the log
            }
            try {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                long now = System.nanoTime();
                if (response.statusCode() == 200 && ready(json.readTree(response.body()))) {
                    return Duration.ofNanos(now - startedNanos);
                }
            } catch (IOException notAnswering) {
                // the api-server is up; a failed poll is retried
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new BenchFailure("node " + nodeName + " was not Ready within " + READY_TIMEOUT.toSeconds() + " s of the kubelet's start;"
                + " the end of " + log + ":\n" + logTail());
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(cannot read it: " + e.getMessage() + ")";
        }
    }

    private static boolean ready(JsonNode node) {
        return LocalCluster.readyCondition(node).equals("True");
    }

    /** Returns once the kubelet's {@code /healthz} answers 200: its informer has synced this node's pods. */
    void awaitSynced() throws InterruptedException {
        process.awaitHttpOk(healthz, READY_TIMEOUT);
    }

    /** The resident set now, in KiB ({@code VmRSS}). */
    long rssKib() {
        return statusField("VmRSS");
    }

    /** The highest resident set so far, in KiB ({@code VmHWM}). */
    long peakRssKib() {
        return statusField("VmHWM");
    }

    /** Threads of the kubelet JVM now. */
    long threads() {
        return statusField("Threads");
    }

    /** CPU time the kubelet used so far, user and system. */
    Duration cpu() {
        return ProcessHandle.of(pid).flatMap(handle -> handle.info().totalCpuDuration()).orElse(Duration.ZERO);
    }

    /** A number field of {@code /proc/PID/status} (its unit, if any, dropped). */
    private long statusField(String name) {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BenchFailure("cannot read /proc/" + pid + "/status of the kubelet (has it exited?): " + e.getMessage());
        }
        Optional<String> line = lines.stream().filter(l -> l.startsWith(name + ":")).findFirst();
        String value = line.map(l -> l.substring(name.length() + 1).trim().split("\\s+")[0])
                .orElseThrow(() -> new BenchFailure("/proc/" + pid + "/status has no " + name + " line"));
        return Long.parseLong(value);
    }

    long pid() {
        return pid;
    }

    String nodeName() {
        return nodeName;
    }

    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return "kubelet of node " + nodeName + " (pid " + pid + ")";
    }
}
