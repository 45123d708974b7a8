package dev.skiff.systemtests.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skiff.testing.FreePorts;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * One api-server as its own JVM: {@code java -jar quarkus-run.jar} on a free loopback port, configured
 * through its environment, its output appended to {@code api-server.log} in its directory (which is
 * also its {@code SKIFF_HOME}). It can be killed (SIGKILL), stopped (SIGTERM) and started again on the
 * same port with the same settings.
 */
public final class ApiServerProcess implements AutoCloseable {

    private static final Duration READY_DEADLINE = Duration.ofSeconds(90);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(30);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final int LOG_TAIL_LINES = 80;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final Path jar;
    private final Path directory;
    private final Map<String, String> settings;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(PROBE_TIMEOUT)
            .build();
    private volatile Process process;

    private ApiServerProcess(String name, Path jar, Path directory, Map<String, String> settings, int port) {
        this.name = name;
        this.jar = jar;
        this.directory = directory;
        this.settings = settings;
        this.port = port;
    }

    /**
     * Starts an api-server and returns once {@code /readyz} answers 200.
     *
     * @param name      for messages
     * @param directory its home and log; created if missing
     * @param settings  environment variables on top of the port and home, e.g. {@code SKIFF_STORE_BACKEND}
     * @throws IllegalStateException if the jar is missing or the server does not become ready (with its log)
     */
    public static ApiServerProcess start(String name, Path directory, Map<String, String> settings) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        ApiServerProcess server = new ApiServerProcess(name, ApiServerJar.locate(), directory, Map.copyOf(settings),
                FreePorts.allocate(1)[0]);
        server.launch();
        return server;
    }

    public String name() {
        return name;
    }

    /** Where its REST API listens, e.g. {@code http://127.0.0.1:40123}; the same after a restart. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Kills the JVM with SIGKILL, as a crash or an OOM killer would, and waits until it is gone. */
    public void kill9() {
        Process running = process;
        running.destroyForcibly();
        awaitExit(running, STOP_DEADLINE);
    }

    /** Stops the JVM with SIGTERM (a graceful shutdown) and waits until it is gone; SIGKILL after 30 s. */
    public void stop() {
        Process running = process;
        running.destroy();
        if (!awaitExit(running, STOP_DEADLINE)) {
            running.destroyForcibly();
            awaitExit(running, STOP_DEADLINE);
        }
    }

    /** Stops the server if it runs, then starts it again on the same port and waits until it is ready. */
    public void restart() {
        if (process.isAlive()) {
            stop();
        }
        launch();
    }

    /**
     * The relay's state from {@code /q/health/ready} (check {@code relay}, {@code data.state}: {@code leader},
     * {@code standby}, {@code stalled}, {@code failing} or {@code off}); empty while the server does not answer.
     */
    public Optional<String> relayState() {
        return relayCheck().map(check -> check.path("data").path("state").asText());
    }

    /** The relay check's status in {@code /q/health/ready}: {@code UP} or {@code DOWN}; empty while the server does not answer. */
    public Optional<String> relayStatus() {
        return relayCheck().map(check -> check.path("status").asText());
    }

    private Optional<JsonNode> relayCheck() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready")).timeout(PROBE_TIMEOUT).build();
        try {
            JsonNode health = JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
            for (JsonNode check : health.path("checks")) {
                if (check.path("name").asText().equals("relay")) {
                    return Optional.of(check);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking " + name + " for its health", e);
        }
    }

    /** Everything the server has logged, across restarts. */
    public String log() {
        try {
            return Files.readString(logFile(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + logFile(), e);
        }
    }

    /** Kills the server if it still runs; its directory and log stay for inspection. */
    @Override
    public void close() {
        Process running = process;
        if (running != null && running.isAlive()) {
            running.destroyForcibly();
            awaitExit(running, STOP_DEADLINE);
        }
    }

    private void launch() {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(key -> key.startsWith("SKIFF_") || key.startsWith("QUARKUS_"));
        environment.putAll(settings);
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        environment.put("SKIFF_HOME", directory.toString());
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        }
        try {
            await("api-server " + name + " ready").atMost(READY_DEADLINE)
                    .failFast("api-server " + name + " exited", () -> !process.isAlive())
                    .until(this::ready);
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            close();
            throw new IllegalStateException("api-server " + name + " did not become ready within "
                    + READY_DEADLINE.toSeconds() + " s (" + e.getMessage() + "); its log ends:\n" + logTail(), e);
        }
    }

    private boolean ready() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/readyz")).timeout(PROBE_TIMEOUT).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String logTail() {
        List<String> lines = log().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    }

    private Path logFile() {
        return directory.resolve("api-server.log");
    }

    private static boolean awaitExit(Process process, Duration deadline) {
        try {
            return process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an api-server to exit", e);
        }
    }
}
