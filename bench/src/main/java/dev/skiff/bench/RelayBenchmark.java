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
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code ./skiff bench relay}: how long after the api-server answered a write its relay's record
 * arrives in Kafka, and how many events per second the relay sustains. Starts a fresh etcd, Kafka
 * and an api-server relaying to it; writes configmaps (creates, then merge-patch updates) at a
 * fixed rate, open-loop, and matches each answer's resourceVersion with the record carrying it.
 */
public final class RelayBenchmark {

    /** Relative to the repository root, where {@code ./skiff} runs the benchmark. */
    private static final Path API_SERVER_JAR = Path.of("api-server", "target", "quarkus-app", "quarkus-run.jar");
    private static final String TOPIC = "skiff.core.configmaps";
    private static final String NAMESPACE = "default";
    private static final String CHECKPOINT_INTERVAL = "50ms";
    /** Untimed writes first, so that the JIT compilers have compiled the write and relay paths. */
    private static final int WARM_UP_WRITES = 5000;
    /** Configmaps written: the first writes create them, the later ones update them in turn. */
    private static final int OBJECTS = 1000;
    private static final Duration RELAY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** How long the events may keep the bench waiting once nothing new has arrived. */
    private static final Duration DRAIN_IDLE = Duration.ofSeconds(10);

    /** Held so the level sticks: the Kafka client logs every partition seek at INFO. */
    private static final java.util.logging.Logger KAFKA_LOG = java.util.logging.Logger.getLogger("org.apache.kafka");

    private final RelayOptions options;
    private final PrintStream out = System.out;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private RelayBenchmark(RelayOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        BenchMain.run("relay", args, RelayOptions::parse, RelayOptions::help, RelayOptions.USAGE, options -> {
            KAFKA_LOG.setLevel(java.util.logging.Level.WARNING);
            return new RelayBenchmark(options).run();
        });
    }

    private int run() throws Exception {
        out.printf("Skiff relay benchmark: %d configmap writes/s for %d s, at most %d in flight, checkpoint every %s, %d CPUs,"
                        + " api-server JVM %s%n",
                options.rate(), options.seconds(), options.concurrency(), CHECKPOINT_INTERVAL,
                Runtime.getRuntime().availableProcessors(), BenchOptions.describe(options.apiServerJvm()));
        try (Cleanup cleanup = new Cleanup()) {
            WorkDirectory work = cleanup.add(WorkDirectory.create("relay"));
            PortAllocator ports = PortAllocator.anyFree();
            out.println("starting a fresh etcd, a fresh Kafka, and the api-server on etcd relaying to Kafka");
            try (EtcdProcess etcd = EtcdProcess.start(work.directory("etcd"), ports, cleanup);
                 KafkaProcess kafka = KafkaProcess.start(options.kafkaLib(), work.directory("kafka"), ports, cleanup);
                 ApiServerProcess apiServer = ApiServerProcess.withEtcdAndRelay(API_SERVER_JAR, options.apiServerJvm(),
                         etcd.clientUrl(), kafka.bootstrapServers(), CHECKPOINT_INTERVAL, work.directory("api-server"), ports.next(),
                         cleanup)) {
                awaitRelayLeader(apiServer.baseUri(), kafka.bootstrapServers());
                out.println("relay is leader and " + TOPIC + " exists; warming up with " + WARM_UP_WRITES + " writes");
                Writes warmUp = write(apiServer.baseUri(), "warm-up-", WARM_UP_WRITES, Integer.MAX_VALUE);
                if (warmUp.failed() > 0) {
                    throw new BenchFailure("warm-up: " + warmUp.failed() + " of " + WARM_UP_WRITES
                            + " writes failed; first: " + warmUp.firstError());
                }
                try (RelayEvents events = RelayEvents.fromEnd(kafka.bootstrapServers(), TOPIC)) {
                    int total = options.rate() * options.seconds();
                    out.println("writing " + total + " configmaps at " + options.rate() + "/s");
                    Writes writes = write(apiServer.baseUri(), "bench-", total, options.rate());
                    awaitEvents(writes, events);
                    return report(writes, events);
                }
            }
        }
    }

    /** Waits until /q/health/ready shows the relay check's state {@code leader} and the topic exists. */
    private void awaitRelayLeader(URI baseUri, String bootstrapServers) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(baseUri.resolve("/q/health/ready")).timeout(REQUEST_TIMEOUT).GET().build();
        long deadline = System.nanoTime() + RELAY_TIMEOUT.toNanos();
        String state = "(no relay check)";
        while (System.nanoTime() < deadline) {
            JsonNode health = json.readTree(http.send(request, HttpResponse.BodyHandlers.ofByteArray()).body());
            for (JsonNode check : health.path("checks")) {
                if (check.path("name").asText().equals("relay")) {
                    state = check.path("data").path("state").asText();
                }
            }
            if (state.equals("leader") && RelayEvents.topicExists(bootstrapServers, TOPIC)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new BenchFailure("the relay did not become leader with topic " + TOPIC + " within "
                + RELAY_TIMEOUT.toSeconds() + " s; its last state: " + state);
    }

    /**
     * COUNT writes, at RATE per second (each started at its time, open-loop, unless all the
     * concurrency's slots are taken) with at most the concurrency in flight; returns once all are answered.
     */
    private Writes write(URI baseUri, String namePrefix, int count, int rate) throws InterruptedException {
        Writes writes = new Writes(count);
        Semaphore slots = new Semaphore(options.concurrency());
        long periodNanos = 1_000_000_000L / rate;
        writes.startNanos = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = writes.startNanos + i * periodNanos;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            slots.acquire();
            int index = i;
            http.sendAsync(request(baseUri, namePrefix, i), HttpResponse.BodyHandlers.ofByteArray())
                    .whenComplete((response, error) -> {
                        try {
                            writes.answered(index, System.nanoTime(), response, error);
                        } finally {
                            slots.release();
                        }
                    });
        }
        slots.acquire(options.concurrency()); // all answered; also makes their records visible here
        return writes;
    }

    /** Write I: a create of configmap I while I is below the object count, else a merge patch of one of them. */
    private static HttpRequest request(URI baseUri, String namePrefix, int i) {
        String collection = "/api/v1/namespaces/" + NAMESPACE + "/configmaps";
        String name = namePrefix + (i % OBJECTS);
        String data = "{\"counter\":\"" + i + "\"}";
        HttpRequest.Builder builder = HttpRequest.newBuilder().timeout(REQUEST_TIMEOUT).header("Accept", "application/json");
        if (i < OBJECTS) {
            String body = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name
                    + "\",\"namespace\":\"" + NAMESPACE + "\"},\"data\":" + data + "}";
            return builder.uri(baseUri.resolve(collection)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        }
        return builder.uri(baseUri.resolve(collection + "/" + name))
                .header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"data\":" + data + "}", StandardCharsets.UTF_8))
                .build();
    }

    /** Waits until every answered write's event has arrived, or nothing new has for {@link #DRAIN_IDLE}. */
    private void awaitEvents(Writes writes, RelayEvents events) throws InterruptedException {
        long lastProgress = System.nanoTime();
        int received = -1;
        while (System.nanoTime() - lastProgress < DRAIN_IDLE.toNanos()) {
            int now = writes.received(events);
            if (now == writes.succeeded()) {
                return;
            }
            if (now > received) {
                received = now;
                lastProgress = System.nanoTime();
            }
            Thread.sleep(100);
        }
    }

    /** Prints the table and the RESULT line; returns the exit code. */
    private int report(Writes writes, RelayEvents events) {
        int succeeded = writes.succeeded();
        long[] receivedNanos = new long[writes.count]; // a snapshot: records may still arrive meanwhile
        int matched = 0;
        for (int i = 0; i < writes.count; i++) {
            Long received = writes.resourceVersions[i] > 0 ? events.receivedNanos(writes.resourceVersions[i]) : null;
            receivedNanos[i] = received == null ? 0 : received;
            matched += received == null ? 0 : 1;
        }
        LatencyRecorder lags = new LatencyRecorder(matched);
        int early = 0;
        long lastReceived = writes.startNanos;
        for (int i = 0, slot = 0; i < writes.count; i++) {
            if (receivedNanos[i] != 0) {
                long lag = receivedNanos[i] - writes.answerNanos[i];
                early += lag < 0 ? 1 : 0;
                lags.record(slot++, Math.max(0, lag));
                lastReceived = Math.max(lastReceived, receivedNanos[i]);
            }
        }
        int missing = succeeded - matched;
        double writeRate = succeeded / seconds(writes.lastAnswerNanos() - writes.startNanos);
        double eventRate = matched / seconds(lastReceived - writes.startNanos);

        out.println();
        out.printf(Locale.ROOT, "%-34s %d (%d failed)%n", "writes done", succeeded, writes.failed());
        out.printf(Locale.ROOT, "%-34s %.1f/s (target %d/s)%n", "achieved write rate", writeRate, options.rate());
        out.printf(Locale.ROOT, "%-34s %d, %.1f/s (first write to last event)%n", "events received", matched, eventRate);
        out.printf(Locale.ROOT, "%-34s p50 %s  p90 %s  p99 %s  max %s%n", "lag answer -> Kafka record, ms",
                millis(lags.percentileMillis(50)), millis(lags.percentileMillis(90)),
                millis(lags.percentileMillis(99)), millis(lags.percentileMillis(100)));
        out.printf(Locale.ROOT, "%-34s %d (counted as 0 in the percentiles)%n", "records before their answer", early);
        out.printf(Locale.ROOT, "%-34s %d%n", "missing events", missing);
        if (writes.failed() > 0) {
            out.println("!!! " + writes.failed() + " writes failed; first: " + writes.firstError());
        }
        if (missing > 0) {
            out.println("!!! " + missing + " answered writes had no record in " + TOPIC + " within "
                    + DRAIN_IDLE.toSeconds() + " s of the last one arriving");
        }
        out.println();
        out.println(String.format(Locale.ROOT,
                "RESULT bench=relay rate_per_s=%d achieved_writes_per_s=%.0f events_per_s=%.0f lag_p50_ms=%s lag_p99_ms=%s missing=%d write_errors=%d",
                options.rate(), writeRate, eventRate, millis(lags.percentileMillis(50)), millis(lags.percentileMillis(99)),
                missing, writes.failed()));
        return missing == 0 && writes.failed() == 0 ? 0 : 1;
    }

    private static double seconds(long nanos) {
        return Math.max(nanos, 1) / 1e9;
    }

    private static String millis(double millis) {
        return String.format(Locale.ROOT, "%.2f", millis);
    }

    /** The writes of one series: per index, when its answer arrived and its resourceVersion (0 if it failed). */
    private final class Writes {

        final int count;
        final long[] answerNanos;
        final long[] resourceVersions;
        final AtomicInteger failed = new AtomicInteger();
        final AtomicReference<String> firstError = new AtomicReference<>();
        long startNanos;

        Writes(int count) {
            this.count = count;
            this.answerNanos = new long[count];
            this.resourceVersions = new long[count];
        }

        void answered(int index, long nanos, HttpResponse<byte[]> response, Throwable error) {
            answerNanos[index] = nanos;
            try {
                if (error != null) {
                    throw error;
                }
                if (response.statusCode() / 100 != 2) {
                    throw new UnexpectedResponseException(response.request().method() + " " + response.uri().getPath(),
                            response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
                }
                resourceVersions[index] = Long.parseLong(
                        json.readTree(response.body()).path("metadata").path("resourceVersion").asText());
            } catch (Throwable e) {
                failed.incrementAndGet();
                firstError.compareAndSet(null, e.toString());
            }
        }

        int failed() {
            return failed.get();
        }

        int succeeded() {
            return count - failed();
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

        /** Answered writes whose record has arrived. */
        int received(RelayEvents events) {
            int received = 0;
            for (int i = 0; i < count; i++) {
                if (resourceVersions[i] > 0 && events.receivedNanos(resourceVersions[i]) != null) {
                    received++;
                }
            }
            return received;
        }
    }
}
