package dev.skiff.informer.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.api.json.Json;
import dev.skiff.testing.FreePorts;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The module's packaged Quarkus application ({@code target/quarkus-app}, built in the package phase
 * before the process tests run: the scheduler, the controller manager) as a process of its own, its
 * health endpoint on a free loopback port, so that tests can run several replicas and kill them.
 */
public final class QuarkusAppProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final String name;
    private final Process process;
    private final Path log;
    private final URI readiness;

    private QuarkusAppProcess(String name, Process process, Path log, URI readiness) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.readiness = readiness;
    }

    /**
     * Starts the application with these settings (environment variables, e.g. its leader election
     * identity); its log goes to a temporary file named after {@code name}.
     */
    public static QuarkusAppProcess start(String name, Map<String, String> settings) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException("no " + JAR.toAbsolutePath() + ": the process tests run after the package phase");
        }
        int port = FreePorts.one();
        Path log = Files.createTempFile("skiff-" + name + "-", ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(settings);
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        return new QuarkusAppProcess(name, builder.start(), log, URI.create("http://127.0.0.1:" + port + "/q/health/ready"));
    }

    public String name() {
        return name;
    }

    /** The data of the readiness check ({@code role}, {@code nodes}, …) if it is up, else null. */
    public JsonNode readyData() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                return null;
            }
            return Json.MAPPER.readTree(response.body()).path("checks").path(0).path("data");
        } catch (IOException notListening) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    public boolean isReady() {
        return readyData() != null;
    }

    public boolean isLeader() {
        JsonNode data = readyData();
        return data != null && data.path("role").asText().equals("leader");
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits until the condition holds; fails, with the end of its log, after the
     * timeout or as soon as the process exits.
     */
    public void awaitUntil(Duration timeout, Callable<Boolean> condition) {
        try {
            Awaitility.await().atMost(timeout).failFast(name + " exited", () -> !process.isAlive()).until(condition);
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            throw new AssertionError(e.getMessage() + "\n" + logTail(), e);
        }
    }

    /** Kills the process at once (SIGKILL), as a crash would: no lease released, nothing flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    /** The last lines of its log, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return name + "'s log:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        kill();
        Files.deleteIfExists(log);
    }
}
