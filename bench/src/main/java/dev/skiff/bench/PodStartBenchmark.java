package dev.skiff.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code ./skiff bench podstart}: how fast the kubelet starts pods bound to its node, beside the
 * Docker engine starting as many containers of the same image directly. Starts an api-server (on
 * the embedded store) and a kubelet for a node of its own, times the kubelet from its process's
 * start to its node's {@code Ready=True} and reads its RSS when idle; then, per round, creates N
 * pods with {@code spec.nodeName} set, all at once from a pool of threads, and times each from
 * its create's answer to the watch event that shows it {@code Running} with {@code Ready=True};
 * reads the kubelet's RSS while they run, deletes them (grace 0) and waits until the kubelet has
 * removed their containers. In the same round it times N raw docker-java creates and starts of the
 * same image (from the create request to the start's answer) with the same concurrency, and N
 * pods made through Skiff's Docker runtime alone (sandbox and container, no kubelet). The engine's
 * events of the kubelet's containers split each pod's latency into its steps.
 */
public final class PodStartBenchmark {

    /** Relative to the repository root, where {@code ./skiff} runs the benchmark. */
    private static final Path API_SERVER_JAR = Path.of("api-server", "target", "quarkus-app", "quarkus-run.jar");
    private static final Path KUBELET_JAR = Path.of("kubelet", "target", "quarkus-app", "quarkus-run.jar");
    private static final String NAMESPACE = "podstart";
    /** The pod namespace the runtime-only pods are labelled with; no such namespace exists in the api-server. */
    private static final String RUNTIME_NAMESPACE = "podstart-runtime";
    /** The kubelet's label on all it makes (PodLabels.NODE), and the bench's on the containers it makes itself. */
    private static final String NODE_LABEL = "dev.skiff.node";
    private static final String BENCH_LABEL = "dev.skiff.bench.run";
    /** How long the pods may go without one more of them becoming Ready before the benchmark gives up. */
    private static final Duration STALL = Duration.ofSeconds(60);
    private static final Duration TEARDOWN_TIMEOUT = Duration.ofSeconds(60);
    /** How long a batch of creates may take, all of them, before the engine is deemed hung. */
    private static final Duration BATCH_TIMEOUT = Duration.ofMinutes(5);
    /** How long the pods run once all are Ready, the kubelet's RSS sampled meanwhile (its relist runs every second). */
    private static final Duration HOLD = Duration.ofSeconds(5);
    private static final Duration RSS_SAMPLE = Duration.ofMillis(250);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final double RATIO_GOAL = 2.0;
    private static final String POD = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%1$s","namespace":"%2$s","labels":{"skiff.dev/bench":"podstart"}},\
            "spec":{"nodeName":"%3$s","terminationGracePeriodSeconds":0,"restartPolicy":"Always",\
            "containers":[{"name":"main","image":"%4$s","imagePullPolicy":"IfNotPresent","command":%5$s}]}}""";

    /** Held so the levels stick: Skiff's runtime logs every container it starts at INFO, docker-java its connections. */
    private static final Logger RUNTIME_LOG = Logger.getLogger("dev.skiff.runtime");
    private static final Logger DOCKER_JAVA_LOG = Logger.getLogger("com.github.dockerjava");

    private final PodStartOptions options;
    private final PrintStream out = System.out;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Problems problems = new Problems();
    private URI baseUri;
    private PodApiClient api;
    private ExecutorService pool;
    private PodStartDocker docker;
    private KubeletProcess kubelet;
    private PodStartTimeline timeline;
    private Map<String, String> nodeLabels;
    private Map<String, String> benchLabels;

    private PodStartBenchmark(PodStartOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        BenchMain.run("podstart", args, PodStartOptions::parse, PodStartOptions::help, PodStartOptions.USAGE, options -> {
            RUNTIME_LOG.setLevel(Level.WARNING);
            DOCKER_JAVA_LOG.setLevel(Level.WARNING);
            return new PodStartBenchmark(options).run();
        });
    }

    private int run() throws Exception {
        out.printf("Skiff pod start benchmark: %d pods at once per round (%d threads), %d rounds, kubelet JVM %s, api-server JVM %s,"
                        + " %d CPUs, load %s%n",
                options.pods(), options.concurrency(), options.rounds(), String.join(" ", options.kubeletJvm()),
                BenchOptions.describe(options.apiServerJvm()),
                Runtime.getRuntime().availableProcessors(), MachineLoad.average());
        out.println("a pod's latency: from its create's answer to the watch event showing phase Running and Ready=True;"
                + " a raw container's: from the create request to the start's answer");
        String nodeName = "podstart-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
        nodeLabels = Map.of(NODE_LABEL, nodeName);
        benchLabels = Map.of(BENCH_LABEL, nodeName);
        try (Cleanup cleanup = new Cleanup()) {
            WorkDirectory work = cleanup.add(WorkDirectory.create("podstart"));
            PortAllocator ports = PortAllocator.anyFree();
            docker = cleanup.add(PodStartDocker.connect());
            docker.ensureImage();
            pool = Executors.newFixedThreadPool(options.concurrency(), new NamedThreads("skiff-bench-podstart-"));
            cleanup.add(pool::shutdownNow);
            cleanup.add(Cleanup.named("the containers of node " + nodeName, this::removeAllContainers));
            ApiServerProcess apiServer = cleanup.add(ApiServerProcess.withEmbeddedStore(API_SERVER_JAR, options.apiServerJvm(),
                    work.directory("api-server"), ports.next(), cleanup));
            baseUri = apiServer.baseUri();
            api = new PodApiClient(baseUri);
            api.createNamespace(NAMESPACE);
            timeline = cleanup.add(docker.followEvents(nodeLabels));

            out.println("starting the kubelet of node " + nodeName + " (" + KUBELET_JAR + ", Docker " + docker.version() + ")");
            kubelet = cleanup.add(KubeletProcess.start(KUBELET_JAR, options.kubeletJvm(), baseUri, nodeName,
                    work.directory("kubelet"), ports.next(), cleanup));
            cleanup.add(Cleanup.named("the pods of namespace " + NAMESPACE, this::deletePods));
            Duration startTime = kubelet.awaitNodeReady(http, baseUri);
            kubelet.awaitSynced();
            out.printf(Locale.ROOT, "node Ready=True %.2f s after the kubelet's process started; idling %d s%n",
                    startTime.toNanos() / 1e9, options.settle());
            Thread.sleep(Duration.ofSeconds(options.settle()).toMillis());
            long idleRss = kubelet.rssKib();
            long idleThreads = kubelet.threads();

            List<Round> rounds = new ArrayList<>();
            for (int round = 1; round <= options.rounds(); round++) {
                rounds.add(round(round));
            }
            return report(startTime, idleRss, idleThreads, rounds);
        }
    }

    /** One round: the pods through the kubelet, then raw containers, then pods through the runtime alone. */
    private Round round(int number) throws Exception {
        Round round = new Round(number);
        out.printf("round %d: %d pods through the kubelet%n", number, options.pods());
        startPodsThroughKubelet(round);
        out.printf("round %d: %d raw docker-java containers%n", number, options.pods());
        startRawContainers(round);
        out.printf("round %d: %d pods through Skiff's Docker runtime, without the kubelet%n", number, options.pods());
        startPodsThroughRuntime(round);
        out.printf(Locale.ROOT, "round %d: kubelet p50 %.1f p99 %.1f ms, raw p50 %.1f p99 %.1f ms, runtime p99 %.1f ms%n",
                number, round.kubelet.percentileMillis(50), round.kubelet.percentileMillis(99),
                round.raw.percentileMillis(50), round.raw.percentileMillis(99), round.runtime.percentileMillis(99));
        return round;
    }

    private void startPodsThroughKubelet(Round round) throws Exception {
        int count = options.pods();
        long[] answered = new long[count];
        try (PodStartWatch watch = PodStartWatch.start(http, baseUri, NAMESPACE, podsResourceVersion())) {
            Duration cpuBefore = kubelet.cpu();
            Duration apiServerCpuBefore = apiServerCpu();
            Batch creates = allAtOnce(count, i -> {
                api.createPod(NAMESPACE, POD.formatted(podName(round.number, i), NAMESPACE, kubelet.nodeName(),
                        PodStartDocker.IMAGE, json.writeValueAsString(PodStartDocker.COMMAND)));
                answered[i] = PodStartClock.now();
            });
            creates.report("kubelet round " + round.number + " pod creates");
            awaitReady(watch, round.number, creates);
            round.kubeletCpu = kubelet.cpu().minus(cpuBefore);
            round.apiServerCpu = apiServerCpu().minus(apiServerCpuBefore);
            round.started = watch.ready();
            for (int i = 0; i < count; i++) {
                Long ready = watch.readyAt(podName(round.number, i));
                if (ready != null && answered[i] != 0) {
                    round.kubelet.add(ready - answered[i]);
                    addSteps(round, podName(round.number, i), answered[i], ready);
                }
            }
        }
        long holdEnd = System.nanoTime() + HOLD.toNanos();
        while (System.nanoTime() < holdEnd) {
            round.rssWithPods = Math.max(round.rssWithPods, kubelet.rssKib());
            Thread.sleep(RSS_SAMPLE.toMillis());
        }
        round.threadsWithPods = kubelet.threads();

        long deleted = System.nanoTime();
        deletePods();
        long deadline = deleted + TEARDOWN_TIMEOUT.toNanos();
        int left = docker.count(nodeLabels);
        while (left > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            left = docker.count(nodeLabels);
        }
        round.teardown = Duration.ofNanos(System.nanoTime() - deleted);
        if (left > 0) {
            problems.report(1, "round " + round.number + ": the kubelet still had " + left + " containers "
                    + TEARDOWN_TIMEOUT.toSeconds() + " s after its pods were deleted; removed them");
            docker.removeAll(nodeLabels, pool);
        }
    }

    /** Splits a pod's latency at the engine's events of its sandbox and container. */
    private void addSteps(Round round, String pod, long answered, long ready) {
        long[] instants = {answered,
                orZero(timeline.at(pod, PodStartTimeline.Step.SANDBOX_CREATED)),
                orZero(timeline.at(pod, PodStartTimeline.Step.SANDBOX_STARTED)),
                orZero(timeline.at(pod, PodStartTimeline.Step.CONTAINER_CREATED)),
                orZero(timeline.at(pod, PodStartTimeline.Step.CONTAINER_STARTED)),
                ready};
        for (long instant : instants) {
            if (instant == 0) {
                round.withoutEvents++;
                return;
            }
        }
        Step[] steps = Step.values();
        for (int i = 0; i < steps.length; i++) {
            round.steps.get(steps[i]).add(instants[i + 1] - instants[i]);
        }
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    /** Waits until every created pod is Running and Ready; fails, naming what the late ones wait for, when that stalls. */
    private void awaitReady(PodStartWatch watch, int round, Batch creates) throws InterruptedException {
        int expected = creates.succeeded();
        long lastProgress = System.nanoTime();
        int seen = -1;
        while (watch.ready() < expected) {
            if (watch.failure() != null) {
                throw new BenchFailure("the pod watch failed: " + watch.failure());
            }
            int now = watch.ready();
            if (now > seen) {
                seen = now;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > STALL.toNanos()) {
                StringBuilder late = new StringBuilder();
                int shown = 0;
                for (int i = 0; i < options.pods() && shown < 5; i++) {
                    String name = podName(round, i);
                    if (watch.readyAt(name) == null) {
                        late.append("\n  ").append(name).append(": ").append(watch.lastState(name));
                        shown++;
                    }
                }
                throw new BenchFailure("round " + round + ": only " + now + " of " + expected + " pods were Running and Ready, and none more for "
                        + STALL.toSeconds() + " s; the first that were not:" + late);
            }
            Thread.sleep(5);
        }
    }

    private void startRawContainers(Round round) throws Exception {
        Batch batch = allAtOnce(options.pods(), i -> {
            long sent = System.nanoTime();
            long created = docker.createAndStart("skiff-bench-raw-" + kubelet.nodeName() + "-" + podName(round.number, i), benchLabels);
            long started = System.nanoTime();
            round.raw.add(started - sent);
            round.rawCreate.add(created - sent);
            round.rawStart.add(started - created);
        });
        batch.report("round " + round.number + " raw docker-java create and start");
        docker.removeAll(benchLabels, pool);
    }

    private void startPodsThroughRuntime(Round round) throws Exception {
        Batch batch = allAtOnce(options.pods(), i -> {
            long sent = System.nanoTime();
            docker.startPodThroughRuntime(RUNTIME_NAMESPACE, kubelet.nodeName() + "-" + podName(round.number, i), benchLabels);
            round.runtime.add(System.nanoTime() - sent);
        });
        batch.report("round " + round.number + " pods through Skiff's Docker runtime");
        docker.removeAll(benchLabels, pool);
    }

    /** An operation on item I of a batch. */
    @FunctionalInterface
    private interface Operation {
        void run(int i) throws Exception;
    }

    /** Runs the operation on items 0..COUNT-1 from the pool's threads, all released at once; returns when all are done. */
    private Batch allAtOnce(int count, Operation operation) throws InterruptedException {
        Batch batch = new Batch();
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < Math.min(options.concurrency(), count); t++) {
            workers.add(pool.submit(() -> {
                go.await();
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    try {
                        operation.run(i);
                    } catch (Exception e) {
                        batch.failed(e);
                    }
                }
                return null;
            }));
        }
        go.countDown();
        PodStartDocker.awaitAll(workers, BATCH_TIMEOUT, "a batch of " + count + " creates");
        batch.total = count;
        return batch;
    }

    /** How a batch of operations went. */
    private final class Batch {
        private final AtomicInteger failed = new AtomicInteger();
        private final AtomicReference<String> firstError = new AtomicReference<>();
        private int total;

        void failed(Throwable error) {
            failed.incrementAndGet();
            firstError.compareAndSet(null, String.valueOf(error));
        }

        int succeeded() {
            return total - failed.get();
        }

        void report(String what) {
            if (failed.get() > 0) {
                problems.report(failed.get(), what + ": " + failed.get() + " of " + total + " failed; first: " + firstError.get());
            }
        }
    }

    private int report(Duration startTime, long idleRss, long idleThreads, List<Round> rounds) {
        Round all = new Round(0);
        // the first round includes the kubelet's cold start (class loading, JIT, heap growth); the later ones do not
        Round later = new Round(0);
        long rssWithPods = 0;
        long threadsWithPods = 0;
        Duration cpu = Duration.ZERO;
        Duration apiServerCpu = Duration.ZERO;
        int started = 0;
        int withoutEvents = 0;
        for (Round round : rounds) {
            all.kubelet.addAll(round.kubelet);
            all.raw.addAll(round.raw);
            all.rawCreate.addAll(round.rawCreate);
            all.rawStart.addAll(round.rawStart);
            all.runtime.addAll(round.runtime);
            round.steps.forEach((step, series) -> all.steps.get(step).addAll(series));
            if (round.number > 1) {
                later.kubelet.addAll(round.kubelet);
                later.raw.addAll(round.raw);
            }
            rssWithPods = Math.max(rssWithPods, round.rssWithPods);
            threadsWithPods = Math.max(threadsWithPods, round.threadsWithPods);
            cpu = cpu.plus(round.kubeletCpu);
            apiServerCpu = apiServerCpu.plus(round.apiServerCpu);
            started += round.started;
            withoutEvents += round.withoutEvents;
        }
        long peakRss = kubelet.peakRssKib();
        double ratio = p99Ratio(all);
        String laterRatio = rounds.size() > 1 ? String.format(Locale.ROOT, "%.2f", p99Ratio(later)) : "-";

        out.println();
        out.printf(Locale.ROOT, "kubelet (JVM options: %s)%n", String.join(" ", options.kubeletJvm()));
        out.printf(Locale.ROOT, "  %-52s %8.2f s%n", "start: process start -> node Ready=True", startTime.toNanos() / 1e9);
        out.printf(Locale.ROOT, "  %-52s %8.1f MiB  (%d threads)%n", "RSS idle (node Ready + " + options.settle() + " s)",
                idleRss / 1024.0, idleThreads);
        out.printf(Locale.ROOT, "  %-52s %8.1f MiB  (%d threads; most over %d s per round)%n",
                "RSS with " + options.pods() + " pods running", rssWithPods / 1024.0, threadsWithPods, HOLD.toSeconds());
        out.printf(Locale.ROOT, "  %-52s %8.1f MiB%n", "RSS peak over the run (VmHWM)", peakRss / 1024.0);
        out.printf(Locale.ROOT, "  %-52s %8.1f ms%n", "CPU per pod started (first create to last Ready)",
                cpu.toNanos() / 1e6 / Math.max(started, 1));
        out.println();
        out.printf(Locale.ROOT, "%-56s %5s %8s %8s %8s%n", "latency, ms", "n", "p50", "p99", "max");
        for (Round round : rounds.size() > 1 ? concat(rounds, all) : rounds) {
            String label = round == all ? "all rounds" : "round " + round.number;
            out.printf(Locale.ROOT, "%s%n", label);
            row("kubelet: create answered -> Running and Ready", round.kubelet);
            row("raw docker-java: create sent -> start answered", round.raw);
            row("  of which the create", round.rawCreate);
            row("  of which the start", round.rawStart);
            row("Skiff's Docker runtime, no kubelet: sandbox + app", round.runtime);
            out.printf(Locale.ROOT, "  %-54s %8.2f%n", "p99 kubelet / p99 raw", p99Ratio(round));
            if (round != all) {
                out.printf(Locale.ROOT, "  %-54s %8.1f ms%n", "kubelet CPU per pod started",
                        round.kubeletCpu.toNanos() / 1e6 / Math.max(round.started, 1));
                out.printf(Locale.ROOT, "  %-54s %8.1f ms%n", "api-server CPU per pod started",
                        round.apiServerCpu.toNanos() / 1e6 / Math.max(round.started, 1));
                out.printf(Locale.ROOT, "  %-54s %8.2f s%n", "teardown: pods deleted -> kubelet removed containers",
                        round.teardown.toNanos() / 1e9);
            }
        }
        out.println();
        out.printf(Locale.ROOT, "%-56s %5s %8s %8s %8s%n", "kubelet pods step by step (engine events), ms", "n", "p50", "p99", "max");
        for (Step step : Step.values()) {
            row(step.description, all.steps.get(step));
        }
        if (withoutEvents > 0) {
            out.println("  (" + withoutEvents + " pods left out: the engine's events of their containers were not all seen)");
        }
        out.println();
        out.printf(Locale.ROOT, "p99 kubelet / p99 raw docker-java, all rounds: %.2f (goal: at most %.0f) %s; rounds after the first: %s%n",
                ratio, RATIO_GOAL, ratio <= RATIO_GOAL ? "goal met" : "goal missed", laterRatio);
        out.println("load average at the end: " + MachineLoad.average());
        if (!problems.isEmpty()) {
            out.println();
            out.println("!!! THIS RUN HAD ERRORS (" + problems.failures() + "): its figures cannot be trusted");
            problems.messages().forEach(message -> out.println("!!!   " + message));
        }
        out.println();
        out.println(String.format(Locale.ROOT,
                "RESULT bench=podstart pods=%d rounds=%d concurrency=%d kubelet_p50_ms=%.1f kubelet_p99_ms=%.1f raw_p50_ms=%.1f "
                        + "raw_p99_ms=%.1f runtime_p99_ms=%.1f p99_ratio=%.2f start_s=%.2f rss_idle_mib=%.1f rss_pods_mib=%.1f "
                        + "cpu_ms_per_pod=%.1f api_server_cpu_ms_per_pod=%.1f p99_ratio_first=%.2f p99_ratio_later=%s errors=%d",
                options.pods(), options.rounds(), options.concurrency(), all.kubelet.percentileMillis(50), all.kubelet.percentileMillis(99),
                all.raw.percentileMillis(50), all.raw.percentileMillis(99), all.runtime.percentileMillis(99), ratio,
                startTime.toNanos() / 1e9, idleRss / 1024.0, rssWithPods / 1024.0, cpu.toNanos() / 1e6 / Math.max(started, 1),
                apiServerCpu.toNanos() / 1e6 / Math.max(started, 1), p99Ratio(rounds.get(0)), laterRatio, problems.failures()));
        return problems.isEmpty() ? 0 : 1;
    }

    private static double p99Ratio(Round round) {
        return round.kubelet.percentileMillis(99) / Math.max(round.raw.percentileMillis(99), 1e-3);
    }

    private void row(String label, LatencySeries series) {
        out.printf(Locale.ROOT, "  %-54s %5d %s%n", label, series.count(), series.summary());
    }

    private static List<Round> concat(List<Round> rounds, Round all) {
        List<Round> list = new ArrayList<>(rounds);
        list.add(all);
        return list;
    }

    /** Deletes every pod of the namespace at once, grace 0: gone from the api-server at once, the kubelet then removes their containers. */
    private void deletePods() throws IOException, InterruptedException, UnexpectedResponseException {
        send(HttpRequest.newBuilder(baseUri.resolve(podsPath() + "?gracePeriodSeconds=0")).timeout(REQUEST_TIMEOUT).DELETE().build());
    }

    /** Removes what the kubelet and the bench made in the engine, kubelet stopped or not. */
    private void removeAllContainers() throws InterruptedException {
        int removed = docker.removeAll(nodeLabels, pool) + docker.removeAll(benchLabels, pool);
        if (removed > 0) {
            out.println("removed " + removed + " containers left in the engine");
        }
    }

    /** The resourceVersion to watch the namespace's pods from. */
    /** CPU time the api-server process used so far (it runs the embedded store too). */
    private static Duration apiServerCpu() {
        return ProcessCpu.read().getOrDefault("api-server", Duration.ZERO);
    }

    private String podsResourceVersion() throws IOException, InterruptedException, UnexpectedResponseException {
        JsonNode list = json.readTree(send(HttpRequest.newBuilder(baseUri.resolve(podsPath() + "?limit=1"))
                .timeout(REQUEST_TIMEOUT).header("Accept", "application/json").GET().build()));
        return list.path("metadata").path("resourceVersion").asText();
    }

    private String send(HttpRequest request) throws IOException, InterruptedException, UnexpectedResponseException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2) {
            throw new UnexpectedResponseException(request.method() + " " + request.uri().getPath(), response.statusCode(), response.body());
        }
        return response.body();
    }

    private static String podsPath() {
        return "/api/v1/namespaces/" + NAMESPACE + "/pods";
    }

    private static String podName(int round, int index) {
        return "r%d-%04d".formatted(round, index);
    }

    /** The steps of a kubelet pod's start, between the instants the bench and the engine saw. */
    private enum Step {
        TO_SANDBOX_CREATED("create answered -> sandbox created"),
        TO_SANDBOX_STARTED("sandbox created -> sandbox started"),
        TO_CONTAINER_CREATED("sandbox started -> app container created"),
        TO_CONTAINER_STARTED("app container created -> started"),
        TO_READY("app container started -> Running and Ready seen");

        private final String description;

        Step(String description) {
            this.description = description;
        }
    }

    /** What one round measured. */
    private static final class Round {
        final int number;
        final LatencySeries kubelet = new LatencySeries();
        final LatencySeries raw = new LatencySeries();
        final LatencySeries rawCreate = new LatencySeries();
        final LatencySeries rawStart = new LatencySeries();
        final LatencySeries runtime = new LatencySeries();
        final Map<Step, LatencySeries> steps = new EnumMap<>(Step.class);
        long rssWithPods;
        long threadsWithPods;
        Duration kubeletCpu = Duration.ZERO;
        Duration apiServerCpu = Duration.ZERO;
        Duration teardown = Duration.ZERO;
        int started;
        int withoutEvents;

        Round(int number) {
            this.number = number;
            for (Step step : Step.values()) {
                steps.put(step, new LatencySeries());
            }
        }
    }

    /** Daemon threads named PREFIX1, PREFIX2, … */
    private static final class NamedThreads implements java.util.concurrent.ThreadFactory {
        private final String prefix;
        private final AtomicInteger count = new AtomicInteger();

        NamedThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
