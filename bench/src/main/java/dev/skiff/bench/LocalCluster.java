package dev.skiff.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * A whole Skiff cluster on this machine, started the way a user starts it: through {@code ./skiff}
 * of this repository ({@code etcd start}, {@code kafka start}, {@code up --cluster --nodes N}), with a
 * SKIFF_HOME of its own in the run's work directory, free loopback ports, node names of its own
 * (kubelets find their containers in the Docker engine by node name, and the engine may be shared
 * with another cluster), and the jars as they are built ({@code SKIFF_BUILD=never}). Its nodes are
 * stopped and started with {@code ./skiff node}.
 * Closing it runs {@code ./skiff down}, {@code kafka stop} and {@code etcd stop}, then removes any
 * container the kubelets left of the namespaces it created.
 */
final class LocalCluster implements AutoCloseable {

    /** The most nodes the benchmarks start: each is a kubelet JVM on this one machine. */
    static final int MAX_NODES = 10;

    /** What runs on a cluster once it is up. */
    @FunctionalInterface
    interface Body<T> {
        T run(LocalCluster cluster) throws Exception;
    }

    /** {@code ./skiff}, relative to the repository root, where {@code ./skiff bench} runs the benchmarks. */
    private static final Path LAUNCHER = Path.of("skiff");
    /** {@code up} waits up to 60 s for each component and node in turn. */
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(10);
    /** {@code down} stops each process within 20 s; {@code node start} waits up to 60 s for the node. */
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration DOCKER_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration PODS_GONE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration POLL = Duration.ofMillis(500);
    /** Containers removed per {@code docker rm}: Docker 20.10 before 20.10.27 can deadlock removing many at once (moby/moby#46661). */
    private static final int REMOVE_BATCH = 4;
    private static final String NAMESPACE_LABEL = "io.kubernetes.pod.namespace";

    private final String bench;
    /** Names this run's nodes and namespaces apart from those of other clusters on the same Docker engine. */
    private final String runId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
    private final int nodeCount;
    private final PrintStream out;
    private final Cleanup cleanup;
    private final Path home;
    private final Path commandLogs;
    private final PortAllocator ports = PortAllocator.anyFree();
    private final Map<String, String> environment = new HashMap<>();
    private final Deque<List<String>> stopCommands = new ArrayDeque<>();
    private final Set<String> stoppedNodes = new TreeSet<>();
    private final List<String> namespaces = new ArrayList<>();
    private PodApiClient api;
    private int commands;

    private LocalCluster(String bench, int nodeCount, WorkDirectory work, PrintStream out, Cleanup cleanup) throws IOException {
        this.bench = bench;
        this.nodeCount = nodeCount;
        this.out = out;
        this.cleanup = cleanup;
        this.home = work.directory("skiff-home");
        this.commandLogs = work.directory("commands");
    }

    /**
     * Starts a cluster of NODES nodes for the benchmark BENCH, runs BODY on it and tears it all down,
     * also when something fails or the JVM is stopped. When BODY or the start fails, the cluster's
     * logs are copied out of the work directory before it goes, and the failure says where.
     */
    static <T> T with(String bench, int nodes, PrintStream out, Body<T> body) throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            WorkDirectory work = cleanup.add(WorkDirectory.create(bench));
            LocalCluster cluster = cleanup.add(new LocalCluster(bench, nodes, work, out, cleanup));
            try {
                cluster.start();
                return body.run(cluster);
            } catch (BenchFailure | UnexpectedResponseException e) {
                throw new BenchFailure(e.getMessage() + "\n" + cluster.keepLogs());
            } catch (IOException e) {
                throw new BenchFailure(e + "\n" + cluster.keepLogs());
            }
        }
    }

    private void start() throws InterruptedException {
        if (!Files.isExecutable(LAUNCHER)) {
            throw new BenchFailure("no ./skiff in " + Path.of("").toAbsolutePath() + ": run the benchmark as ./skiff bench " + bench);
        }
        int apiPort = ports.next();
        environment.put("SKIFF_HOME", home.toString());
        environment.put("SKIFF_BUILD", "never");
        environment.put("SKIFF_UP_SCHEDULER_PORT", Integer.toString(ports.next()));
        environment.put("SKIFF_UP_CONTROLLERS_PORT", Integer.toString(ports.next()));
        environment.put("SKIFF_UP_KUBELET_PORT", Integer.toString(ports.consecutive(nodeCount)));
        environment.put("SKIFF_UP_NODE_PREFIX", nodePrefix());
        environment.put("KUBECONFIG", home.resolve("kubeconfig").toString());
        out.println("starting a cluster through ./skiff, SKIFF_HOME=" + home);

        String etcdPort = Integer.toString(ports.consecutive(2));
        stopCommands.push(List.of("etcd", "stop"));
        skiff(COMMAND_TIMEOUT, "etcd", "start", "--port", etcdPort);
        String kafkaPort = Integer.toString(ports.consecutive(2));
        stopCommands.push(List.of("kafka", "stop"));
        skiff(COMMAND_TIMEOUT, "kafka", "start", "--port", kafkaPort);
        stopCommands.push(List.of("down"));
        skiff(UP_TIMEOUT, "up", "--cluster", "--nodes", Integer.toString(nodeCount), "--etcd", "http://127.0.0.1:" + etcdPort,
                "--kafka", "127.0.0.1:" + kafkaPort, "--port", Integer.toString(apiPort));
        api = new PodApiClient(URI.create("http://127.0.0.1:" + apiPort));
    }

    PodApiClient api() {
        return api;
    }

    /** What {@code ./skiff up} names the nodes before their number: {@code bench-RUN-node-}. */
    private String nodePrefix() {
        return "bench-" + runId + "-node-";
    }

    /**
     * Creates a namespace named after the benchmark, unique to this run (the containers the kubelets
     * make are labelled with it, and the Docker engine may be shared). The teardown deletes it and
     * waits until its pods are gone, so that the kubelets have removed their containers.
     */
    String createNamespace() throws IOException, InterruptedException, UnexpectedResponseException {
        String namespace = bench + "-" + runId;
        api.createNamespace(namespace);
        namespaces.add(namespace);
        cleanup.add(Cleanup.named("the namespace " + namespace, () -> deleteNamespace(namespace)));
        return namespace;
    }

    /** {@code ./skiff node stop NODE}: the node's kubelet stops, its pods' containers go on running. */
    void stopNode(String node) throws InterruptedException {
        stoppedNodes.add(node);
        skiff(COMMAND_TIMEOUT, "node", "stop", node);
    }

    /** {@code ./skiff node start NODE}, which returns once the node is Ready. */
    void startNode(String node) throws InterruptedException {
        skiff(COMMAND_TIMEOUT, "node", "start", node);
        stoppedNodes.remove(node);
    }

    /** The status of the node's {@code Ready} condition as the api-server has it: True, False, Unknown, or empty without one. */
    String nodeReady(String node) throws IOException, InterruptedException, UnexpectedResponseException {
        return readyCondition(api.getJson("/api/v1/nodes/" + node));
    }

    /** The status of a Node's {@code Ready} condition, empty when it has none. */
    static String readyCondition(JsonNode node) {
        for (JsonNode condition : node.path("status").path("conditions")) {
            if (condition.path("type").asText().equals("Ready")) {
                return condition.path("status").asText();
            }
        }
        return "";
    }

    /** Runs the docker command line with ARGS; returns what it printed. */
    String docker(String... args) throws InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        try {
            return Files.readString(run(command, DOCKER_TIMEOUT), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BenchFailure("cannot read what " + String.join(" ", command) + " printed: " + e.getMessage());
        }
    }

    private void skiff(Duration timeout, String... args) throws InterruptedException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        String shown = "./skiff " + String.join(" ", args);
        long started = System.nanoTime();
        run(command, timeout);
        out.printf(Locale.ROOT, "  %s: %.1f s%n", shown, (System.nanoTime() - started) / 1e9);
    }

    /** Runs COMMAND to its end with the cluster's environment; returns the file holding its output. Fails on a non-zero exit. */
    private Path run(List<String> command, Duration timeout) throws InterruptedException {
        String name = Path.of(command.get(0)).getFileName() + " " + String.join(" ", command.subList(1, command.size()));
        Path log = commandLogs.resolve(String.format(Locale.ROOT, "%03d-%s.log", ++commands, command.get(1)));
        ChildProcess.start(name, command, environment, log, cleanup).awaitSuccessfulExit(timeout);
        return log;
    }

    /** Brings back the nodes this run stopped, deletes the namespace, and waits for its pods to be gone. */
    private void deleteNamespace(String namespace) throws Exception {
        for (String node : List.copyOf(stoppedNodes)) {
            startNode(node);
        }
        api.delete("/api/v1/namespaces/" + namespace);
        long deadline = System.nanoTime() + PODS_GONE_TIMEOUT.toNanos();
        int left = podsIn(namespace);
        while (left > 0 && System.nanoTime() < deadline) {
            Thread.sleep(POLL.toMillis());
            left = podsIn(namespace);
        }
        if (left > 0) {
            System.err.println("the namespace " + namespace + " still had " + left + " pods " + PODS_GONE_TIMEOUT.toSeconds()
                    + " s after it was deleted (the namespace controller deletes them, then the kubelets): their containers"
                    + " are removed after ./skiff down");
        }
    }

    private int podsIn(String namespace) throws IOException, InterruptedException, UnexpectedResponseException {
        try {
            return api.countPods(namespace);
        } catch (UnexpectedResponseException e) {
            if (e.status() == 404) {
                return 0;
            }
            throw e;
        }
    }

    /** Copies the components' logs and the commands' output out of the work directory; says where they are. */
    private String keepLogs() {
        try {
            Path kept = Files.createTempDirectory("skiff-bench-" + bench + "-logs-");
            for (Path dir : List.of(home.resolve("logs"), commandLogs)) {
                if (Files.isDirectory(dir)) {
                    Path target = Files.createDirectories(kept.resolve(dir.getFileName()));
                    try (Stream<Path> files = Files.list(dir)) {
                        for (Path file : files.filter(Files::isRegularFile).toList()) {
                            Files.copy(file, target.resolve(file.getFileName()));
                        }
                    }
                }
            }
            return "the cluster's logs and the ./skiff commands' output are kept in " + kept;
        } catch (IOException e) {
            return "(the cluster's logs could not be kept: " + e.getMessage() + ")";
        }
    }

    /** {@code ./skiff down}, {@code kafka stop}, {@code etcd stop} (what was started), then the containers the kubelets left. */
    @Override
    public void close() {
        boolean interrupted = false;
        while (!stopCommands.isEmpty()) {
            List<String> args = stopCommands.pop();
            try {
                skiff(COMMAND_TIMEOUT, args.toArray(String[]::new));
            } catch (BenchFailure e) {
                System.err.println("cleanup: " + e.getMessage());
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        for (String namespace : namespaces) {
            try {
                removeContainers(namespace);
            } catch (BenchFailure e) {
                System.err.println("cleanup: " + e.getMessage());
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Removes the containers of the namespace's pods that are still in the engine, a few at a time. */
    private void removeContainers(String namespace) throws InterruptedException {
        List<String> ids = docker("ps", "-aq", "--filter", "label=" + NAMESPACE_LABEL + "=" + namespace).lines()
                .filter(line -> !line.isBlank()).toList();
        for (int i = 0; i < ids.size(); i += REMOVE_BATCH) {
            List<String> command = new ArrayList<>(List.of("rm", "-f"));
            command.addAll(ids.subList(i, Math.min(i + REMOVE_BATCH, ids.size())));
            docker(command.toArray(String[]::new));
        }
        if (!ids.isEmpty()) {
            out.println("removed " + ids.size() + " containers of namespace " + namespace + " that the kubelets had left");
        }
    }

    @Override
    public String toString() {
        return "the cluster in " + home;
    }
}
