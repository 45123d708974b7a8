package dev.skiff.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The scheduler run from its Quarkus jar as a process of its own, reading the api-server's watch or
 * Kafka, with its health endpoint on a loopback port: what the benchmark waits on.
 */
final class SchedulerProcess implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final ChildProcess process;
    private final URI health;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json = new ObjectMapper();

    private SchedulerProcess(ChildProcess process, URI health) {
        this.process = process;
        this.health = health;
    }

    /**
     * Starts the scheduler of JAR, its JVM run with JVM_OPTIONS, against the api-server (and the Kafka at BOOTSTRAP_SERVERS, if
     * given), its log in DIR, and returns once it leads with its caches synced.
     */
    static SchedulerProcess start(Path jar, List<String> jvmOptions, URI apiServer, Optional<String> bootstrapServers, Path dir,
                                  int port, Cleanup cleanup) throws InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new BenchFailure("the scheduler jar " + jar.toAbsolutePath()
                    + " is missing: build it with mvn -DskipTests install at the repository root");
        }
        Map<String, String> environment = new HashMap<>();
        environment.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        environment.put("SKIFF_SCHEDULER_API_SERVER", apiServer.toString());
        bootstrapServers.ifPresent(servers -> environment.put("SKIFF_SCHEDULER_KAFKA_BOOTSTRAP_SERVERS", servers));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ChildProcess process = ChildProcess.start("scheduler", command, environment, dir.resolve("scheduler.log"), cleanup);
        SchedulerProcess scheduler = new SchedulerProcess(process, URI.create("http://127.0.0.1:" + port + "/q/health/ready"));
        process.awaitHttpOk(scheduler.health, Duration.ofSeconds(120));
        scheduler.await(check -> check.path("role").asText().equals("leader"), Duration.ofSeconds(60), "to lead");
        return scheduler;
    }

    /** Waits until the scheduler's readiness data satisfy the condition; fails after the timeout. */
    void await(Predicate<JsonNode> condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = data();
            if (last != null && condition.test(last)) {
                return;
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new BenchFailure("the scheduler did not come " + what + " within " + timeout.toSeconds() + " s; its last state: " + last);
    }

    /** The data of the scheduler's readiness check (role, nodes, podsOnNodes, pendingPods, …), or null if it does not answer. */
    JsonNode data() throws InterruptedException {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            for (JsonNode check : json.readTree(response.body()).path("checks")) {
                if (check.path("name").asText().equals("scheduler")) {
                    return check.path("data");
                }
            }
        } catch (IOException notAnswering) {
            return null;
        }
        return null;
    }

    @Override
    public void close() {
        process.close();
    }
}
