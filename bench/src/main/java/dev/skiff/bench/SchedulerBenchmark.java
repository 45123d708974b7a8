package dev.skiff.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skiff.scheduler.binding.ApiWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * {@code ./skiff bench scheduler}: how fast the scheduler binds pods created all at once, as
 * Kubernetes' scheduler_perf measures it. Starts a fresh etcd, Kafka (unless the scheduler reads the
 * watch) and an api-server relaying to it, then the scheduler from its jar; creates N Node objects
 * (no kubelets: 4 cpu, 32 GiB, 110 pods each, as scheduler_perf's default node) and M pods (100m
 * cpu, 500 MiB, as its default pod) as fast as the api-server takes them, and watches them get
 * bound. Throughput runs from the first create to the last bind; latency is each pod's, from its
 * create to its binding showing in the watch. A warm-up schedules pods on nodes of their own first
 * and deletes both, so the JVMs have compiled what is measured.
 */
public final class SchedulerBenchmark {

    /** Relative to the repository root, where {@code ./skiff} runs the benchmark. */
    private static final Path API_SERVER_JAR = Path.of("api-server", "target", "quarkus-app", "quarkus-run.jar");
    private static final Path SCHEDULER_JAR = Path.of("scheduler", "target", "quarkus-app", "quarkus-run.jar");
    private static final String NAMESPACE = "bench";
    private static final String WARM_UP_NAMESPACE = "bench-warm-up";
    /** Warm-up pods per warm-up node: well within its 40 pods' worth of cpu. */
    private static final int WARM_UP_PODS_PER_NODE = 30;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /**
     * How long deleting the warm-up's pods may take: the api-server deletes a collection's objects
     * one after the other (as Kubernetes does with its default one delete-collection worker); 10,000
     * pods take ~23 s on an idle 2-CPU machine, and took longer than {@link #REQUEST_TIMEOUT} while
     * the relay, Kafka and the scheduler worked through the deletions on the same CPUs.
     */
    private static final Duration DELETE_COLLECTION_TIMEOUT = Duration.ofMinutes(5);
    /** How long the bindings may stall before the benchmark gives up. */
    private static final Duration STALL = Duration.ofSeconds(60);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(120);
    private static final String NODE = """
            {"apiVersion":"v1","kind":"Node","metadata":{"name":"%1$s","labels":{"kubernetes.io/hostname":"%1$s",\
            "skiff.dev/bench":"scheduler"}},"status":{"capacity":{"cpu":"4","memory":"32Gi","pods":"110"},\
            "allocatable":{"cpu":"4","memory":"32Gi","pods":"110"},"conditions":[{"type":"Ready","status":"True"}]}}""";
    private static final String POD = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%1$s","namespace":"%2$s","labels":{"app":"bench"}},\
            "spec":{"containers":[{"name":"pause","image":"registry.k8s.io/pause:3.10",\
            "resources":{"requests":{"cpu":"100m","memory":"500Mi"}}}]}}""";

    /** Held so the level sticks: the Kafka client logs every partition seek at INFO. */
    private static final java.util.logging.Logger KAFKA_LOG = java.util.logging.Logger.getLogger("org.apache.kafka");

    private final SchedulerOptions options;
    private final PrintStream out = System.out;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private URI baseUri;
    /** Writes the nodes and pods: the scheduler's own client, Vert.x', so the benchmark takes little of the CPUs it shares. */
    private ApiWriter writer;

    private SchedulerBenchmark(SchedulerOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        BenchMain.run("scheduler", args, SchedulerOptions::parse, SchedulerOptions::help, SchedulerOptions.USAGE, options -> {
            KAFKA_LOG.setLevel(java.util.logging.Level.WARNING);
            return new SchedulerBenchmark(options).run();
        });
    }

    private int run() throws Exception {
        String source = options.kafka() ? "kafka" : "watch";
        out.printf("Skiff scheduler benchmark: %d nodes, %d pods (after %d warm-up pods), store %s, scheduler reading %s, %d CPUs%n",
                options.nodes(), options.pods(), options.warmUp(), options.store().configName(), source,
                Runtime.getRuntime().availableProcessors());
        out.printf("api-server JVM %s, scheduler JVM %s%n", BenchOptions.describe(options.apiServerJvm()),
                BenchOptions.describe(options.schedulerJvm()));
        try (Cleanup cleanup = new Cleanup()) {
            WorkDirectory work = cleanup.add(WorkDirectory.create("scheduler"));
            PortAllocator ports = PortAllocator.anyFree();
            EtcdProcess etcd = null;
            if (options.store() == Backend.ETCD) {
                etcd = cleanup.add(EtcdProcess.start(work.directory("etcd"), ports, cleanup));
            }
            Optional<String> bootstrapServers = Optional.empty();
            if (options.kafka()) {
                KafkaProcess kafka = cleanup.add(KafkaProcess.start(options.kafkaLib(), work.directory("kafka"), ports, cleanup));
                bootstrapServers = Optional.of(kafka.bootstrapServers());
            }
            ApiServerProcess apiServer;
            Path apiDir = work.directory("api-server");
            if (options.kafka()) {
                apiServer = ApiServerProcess.withEtcdAndRelay(API_SERVER_JAR, options.apiServerJvm(), etcd.clientUrl(),
                        bootstrapServers.get(), "50ms", apiDir, ports.next(), cleanup);
            } else if (etcd != null) {
                apiServer = ApiServerProcess.withEtcd(API_SERVER_JAR, options.apiServerJvm(), etcd.clientUrl(), apiDir, ports.next(),
                        cleanup);
            } else {
                apiServer = ApiServerProcess.withEmbeddedStore(API_SERVER_JAR, options.apiServerJvm(), apiDir, ports.next(), cleanup);
            }
            cleanup.add(apiServer);
            baseUri = apiServer.baseUri();
            writer = ApiWriter.standalone(baseUri.toString(), options.concurrency());
            cleanup.add(writer);
            post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + NAMESPACE + "\"}}");
            post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + WARM_UP_NAMESPACE + "\"}}");
            out.println("starting the scheduler (" + SCHEDULER_JAR + ") and waiting for it to lead");
            SchedulerProcess scheduler = cleanup.add(SchedulerProcess.start(SCHEDULER_JAR, options.schedulerJvm(), baseUri, bootstrapServers,
                    work.directory("scheduler"), ports.next(), cleanup));
            if (options.warmUp() > 0) {
                warmUp(scheduler);
            }
            out.println("creating " + options.nodes() + " nodes");
            Writes nodes = write(options.nodes(), i -> new Create("/api/v1/nodes", NODE.formatted(nodeName("node-", i))));
            nodes.requireAllSucceeded("node creates");
            scheduler.await(data -> data.path("nodes").asInt() == options.nodes(), SETTLE_TIMEOUT, "to know the " + options.nodes() + " nodes");
            return measure(scheduler);
        }
    }

    /** Schedules the warm-up pods on warm-up nodes, then deletes both and waits until the scheduler has let go of them. */
    private void warmUp(SchedulerProcess scheduler) throws Exception {
        int nodeCount = Math.max(10, (options.warmUp() + WARM_UP_PODS_PER_NODE - 1) / WARM_UP_PODS_PER_NODE);
        out.println("warming up: " + options.warmUp() + " pods on " + nodeCount + " warm-up nodes");
        write(nodeCount, i -> new Create("/api/v1/nodes", NODE.formatted(nodeName("warm-up-", i)))).requireAllSucceeded("warm-up node creates");
        scheduler.await(data -> data.path("nodes").asInt() == nodeCount, SETTLE_TIMEOUT, "to know the warm-up nodes");
        try (PodBindWatch watch = PodBindWatch.start(http, baseUri, WARM_UP_NAMESPACE, podsResourceVersion(WARM_UP_NAMESPACE))) {
            write(options.warmUp(), i -> new Create(podsPath(WARM_UP_NAMESPACE), POD.formatted(podName(i), WARM_UP_NAMESPACE)))
                    .requireAllSucceeded("warm-up pod creates");
            awaitBound(watch, options.warmUp());
        }
        deleteCollection(podsPath(WARM_UP_NAMESPACE) + "?gracePeriodSeconds=0");
        deleteCollection("/api/v1/nodes?labelSelector=skiff.dev%2Fbench%3Dscheduler");
        scheduler.await(data -> data.path("nodes").asInt() == 0 && data.path("podsOnNodes").asInt() == 0
                && data.path("pendingPods").asInt() == 0, SETTLE_TIMEOUT, "to let go of the warm-up nodes and pods");
    }

    /** Creates the pods, waits for their bindings, and reports. Returns the exit code. */
    private int measure(SchedulerProcess scheduler) throws Exception {
        Path profileDir = options.profileDir().orElse(null);
        Map<String, Long> pids = new TreeMap<>();
        for (String name : List.of("scheduler", "api-server")) {
            pids.put(name, ProcessCpu.pid(name).orElseThrow(() -> new BenchFailure("no " + name + " process found")));
        }
        if (profileDir != null) {
            Files.createDirectories(profileDir);
            for (long pid : pids.values()) {
                FlightRecordings.start(pid);
            }
        }
        Map<String, Map<String, Duration>> threadsBefore = new TreeMap<>();
        pids.forEach((name, pid) -> threadsBefore.put(name, ProcessCpu.threads(pid)));
        out.println("creating " + options.pods() + " pods at once (" + options.concurrency() + " in flight) and waiting for their bindings");
        Map<String, Duration> cpuBefore = ProcessCpu.read();
        Writes pods;
        long lastBind;
        int rebound;
        int bound;
        Map<String, Integer> perNode = new HashMap<>();
        LatencyRecorder latencies = new LatencyRecorder(options.pods());
        try (PodBindWatch watch = PodBindWatch.start(http, baseUri, NAMESPACE, podsResourceVersion(NAMESPACE))) {
            pods = write(options.pods(), i -> new Create(podsPath(NAMESPACE), POD.formatted(podName(i), NAMESPACE)));
            lastBind = awaitBound(watch, pods.succeeded());
            rebound = watch.rebound();
            bound = watch.bound();
            for (int i = 0; i < options.pods(); i++) {
                Long at = watch.boundNanos(podName(i));
                latencies.record(i, at == null ? 0 : Math.max(0, at - pods.sentNanos[i]));
                String node = watch.node(podName(i));
                if (node != null) {
                    perNode.merge(node, 1, Integer::sum);
                }
            }
        }
        Map<String, Duration> cpuAfter = ProcessCpu.read();
        Map<String, Map<String, Duration>> threadsAfter = new TreeMap<>();
        pids.forEach((name, pid) -> threadsAfter.put(name, ProcessCpu.threads(pid)));
        if (profileDir != null) {
            for (Map.Entry<String, Long> entry : pids.entrySet()) {
                FlightRecordings.stop(entry.getValue(), profileDir.resolve(entry.getKey() + ".jfr"));
            }
        }

        double seconds = Math.max(lastBind - pods.startNanos, 1) / 1e9;
        double podsPerSecond = bound / seconds;
        double createSeconds = Math.max(pods.lastAnswerNanos() - pods.startNanos, 1) / 1e9;
        double createsPerSecond = pods.succeeded() / createSeconds;
        out.println();
        out.printf(Locale.ROOT, "%-40s %d%n", "nodes", options.nodes());
        out.printf(Locale.ROOT, "%-40s %d of %d (%d failed to create, %d bound twice)%n", "pods bound", bound, options.pods(),
                pods.failed(), rebound);
        out.printf(Locale.ROOT, "%-40s %.0f/s (%.2f s)%n", "pod creates answered", createsPerSecond, createSeconds);
        out.printf(Locale.ROOT, "%-40s %.0f pods/s (%.2f s)%n", "scheduled, first create to last bind", podsPerSecond, seconds);
        out.printf(Locale.ROOT, "%-40s p50 %s  p99 %s  max %s%n", "per-pod latency create -> bound, ms",
                millis(latencies.percentileMillis(50)), millis(latencies.percentileMillis(99)), millis(latencies.percentileMillis(100)));
        out.printf(Locale.ROOT, "%-40s min %d  max %d (over %d nodes)%n", "pods per node",
                perNode.values().stream().mapToInt(Integer::intValue).min().orElse(0),
                perNode.values().stream().mapToInt(Integer::intValue).max().orElse(0), perNode.size());
        out.printf(Locale.ROOT, "CPU used from the first create to the last bind (%.2f s, %d CPUs):%n", seconds,
                Runtime.getRuntime().availableProcessors());
        for (String name : cpuAfter.keySet()) {
            double used = cpuUsed(name, cpuBefore, cpuAfter);
            out.printf(Locale.ROOT, "    %-12s %6.2f s  %4.0f%% of one CPU%n", name, used, 100 * used / seconds);
        }
        for (String name : pids.keySet()) {
            printThreads(name, threadsBefore.get(name), threadsAfter.get(name),
                    cpuAfter.getOrDefault(name, Duration.ZERO).minus(cpuBefore.getOrDefault(name, Duration.ZERO)));
        }
        if (profileDir != null) {
            for (String name : pids.keySet()) {
                FlightRecordings.summarize(name, profileDir.resolve(name + ".jfr"), out);
            }
        }
        if (pods.failed() > 0) {
            out.println("!!! " + pods.failed() + " pod creates failed; first: " + pods.firstError());
        }
        boolean complete = bound == pods.succeeded() && rebound == 0 && pods.failed() == 0;
        double schedulerCpu = cpuUsed("scheduler", cpuBefore, cpuAfter);
        double totalCpu = cpuAfter.keySet().stream().mapToDouble(name -> cpuUsed(name, cpuBefore, cpuAfter)).sum();
        out.printf(Locale.ROOT, "%-40s scheduler %.2f, all processes %.2f%n", "CPU per pod, ms",
                1000 * schedulerCpu / Math.max(bound, 1), 1000 * totalCpu / Math.max(bound, 1));
        out.println();
        out.println(String.format(Locale.ROOT,
                "RESULT bench=scheduler nodes=%d pods=%d store=%s source=%s pods_per_s=%.0f p50_ms=%s p99_ms=%s create_per_s=%.0f "
                        + "scheduled_to_create_ratio=%.2f scheduler_cpu_ms_per_pod=%.2f total_cpu_ms_per_pod=%.2f bound=%d rebound=%d errors=%d",
                options.nodes(), options.pods(), options.store().configName(), options.kafka() ? "kafka" : "watch",
                podsPerSecond, millis(latencies.percentileMillis(50)), millis(latencies.percentileMillis(99)), createsPerSecond,
                podsPerSecond / createsPerSecond, 1000 * schedulerCpu / Math.max(bound, 1), 1000 * totalCpu / Math.max(bound, 1),
                bound, rebound, pods.failed()));
        return complete ? 0 : 1;
    }

    /** Seconds of CPU the named process used between the two readings. */
    private static double cpuUsed(String name, Map<String, Duration> before, Map<String, Duration> after) {
        return (after.getOrDefault(name, Duration.ZERO).toNanos() - before.getOrDefault(name, Duration.ZERO).toNanos()) / 1e9;
    }

    /** The process's CPU by thread over the measurement, most first; what ended threads used shows as the rest. */
    private void printThreads(String process, Map<String, Duration> before, Map<String, Duration> after, Duration total) {
        if (after.isEmpty()) {
            return;
        }
        out.printf(Locale.ROOT, "  %s by thread (s):", process);
        long counted = 0;
        List<Map.Entry<String, Long>> used = new ArrayList<>();
        for (Map.Entry<String, Duration> entry : after.entrySet()) {
            long millis = entry.getValue().minus(before.getOrDefault(entry.getKey(), Duration.ZERO)).toMillis();
            counted += millis;
            used.add(Map.entry(entry.getKey(), millis));
        }
        used.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        for (Map.Entry<String, Long> entry : used.subList(0, Math.min(8, used.size()))) {
            out.printf(Locale.ROOT, " %s %.2f,", entry.getKey(), entry.getValue() / 1000.0);
        }
        out.printf(Locale.ROOT, " threads that ended %.2f%n", Math.max(0, total.toMillis() - counted) / 1000.0);
    }

    /** Waits until COUNT pods are bound; returns when the last was; fails if the bindings stall or the watch ends. */
    private long awaitBound(PodBindWatch watch, int count) throws InterruptedException {
        long lastProgress = System.nanoTime();
        int seen = -1;
        while (watch.bound() < count) {
            if (watch.failure() != null) {
                throw new BenchFailure("the pod watch failed: " + watch.failure());
            }
            int now = watch.bound();
            if (now > seen) {
                seen = now;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > STALL.toNanos()) {
                throw new BenchFailure("bindings stalled at " + now + " of " + count + " for " + STALL.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
        long last = 0;
        for (int i = 0; i < count; i++) {
            Long at = watch.boundNanos(podName(i));
            last = Math.max(last, at == null ? 0 : at);
        }
        return last;
    }

    /** COUNT creates (path and body of each) with at most the concurrency in flight; returns once all are answered. */
    private Writes write(int count, IntFunction<Create> creates) throws InterruptedException {
        Writes writes = new Writes(count);
        Semaphore slots = new Semaphore(options.concurrency());
        writes.startNanos = System.nanoTime();
        for (int i = 0; i < count; i++) {
            Create create = creates.apply(i);
            slots.acquire();
            int index = i;
            writes.sentNanos[i] = System.nanoTime();
            writer.post(create.path(), create.body()).whenComplete((response, error) -> {
                try {
                    writes.answered(index, create.path(), response, error);
                } finally {
                    slots.release();
                }
            });
        }
        slots.acquire(options.concurrency());
        return writes;
    }

    /** One object to create: where to POST it, and its JSON. */
    private record Create(String path, String body) {
    }

    private HttpRequest request(String path, String body) {
        return HttpRequest.newBuilder(baseUri.resolve(path)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    private void post(String path, String body) throws IOException, InterruptedException, UnexpectedResponseException {
        send(request(path, body));
    }

    private void deleteCollection(String path) throws IOException, InterruptedException, UnexpectedResponseException {
        send(HttpRequest.newBuilder(baseUri.resolve(path)).timeout(DELETE_COLLECTION_TIMEOUT).DELETE().build());
    }

    private String send(HttpRequest request) throws IOException, InterruptedException, UnexpectedResponseException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2) {
            throw new UnexpectedResponseException(request.method() + " " + request.uri().getPath(), response.statusCode(), response.body());
        }
        return response.body();
    }

    /** The resourceVersion to watch the namespace's pods from. */
    private String podsResourceVersion(String namespace) throws IOException, InterruptedException, UnexpectedResponseException {
        JsonNode list = json.readTree(send(HttpRequest.newBuilder(baseUri.resolve(podsPath(namespace) + "?limit=1"))
                .timeout(REQUEST_TIMEOUT).header("Accept", "application/json").GET().build()));
        return list.path("metadata").path("resourceVersion").asText();
    }

    private static String podsPath(String namespace) {
        return "/api/v1/namespaces/" + namespace + "/pods";
    }

    private static String podName(int index) {
        return "pod-%06d".formatted(index);
    }

    private static String nodeName(String prefix, int index) {
        return prefix + "%05d".formatted(index);
    }

    private static String millis(double millis) {
        return String.format(Locale.ROOT, "%.1f", millis);
    }

    /** A series of creates: when each was sent and whether it succeeded. */
    private static final class Writes {

        final long[] sentNanos;
        final long[] answerNanos;
        final AtomicInteger failed = new AtomicInteger();
        final AtomicReference<String> firstError = new AtomicReference<>();
        long startNanos;

        Writes(int count) {
            this.sentNanos = new long[count];
            this.answerNanos = new long[count];
        }

        void answered(int index, String path, ApiWriter.Response response, Throwable error) {
            answerNanos[index] = System.nanoTime();
            if (error != null) {
                failed.incrementAndGet();
                firstError.compareAndSet(null, error.toString());
            } else if (!response.isSuccess()) {
                failed.incrementAndGet();
                firstError.compareAndSet(null, "POST " + path + ": " + response.reason());
            }
        }

        int failed() {
            return failed.get();
        }

        int succeeded() {
            return sentNanos.length - failed();
        }

        String firstError() {
            return firstError.get();
        }

        long lastAnswerNanos() {
            long last = startNanos;
            for (long nanos : answerNanos) {
                last = Math.max(last, nanos);
            }
            return last;
        }

        void requireAllSucceeded(String what) {
            if (failed() > 0) {
                throw new BenchFailure(failed() + " of " + sentNanos.length + " " + what + " failed; first: " + firstError());
            }
        }
    }
}
