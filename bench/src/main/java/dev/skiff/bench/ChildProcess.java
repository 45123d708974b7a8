package dev.skiff.bench;

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
import java.util.concurrent.TimeUnit;

/**
 * A process the benchmark started, its output going to a log file. Closing it sends SIGTERM,
 * then SIGKILL if it has not ended after a grace period.
 */
final class ChildProcess implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final int LOG_TAIL_LINES = 40;
    private static final HttpClient PROBE = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();

    private final String name;
    private final Process process;
    private final Path log;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts COMMAND with ENVIRONMENT added to this process's own; cleanup stops it at the latest. */
    static ChildProcess start(String name, List<String> command, Map<String, String> environment, Path log,
                              Cleanup cleanup) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        try {
            return cleanup.add(new ChildProcess(name, builder.start(), log));
        } catch (IOException e) {
            throw new BenchFailure("cannot start " + name + " (" + String.join(" ", command) + "): " + e.getMessage());
        }
    }

    /**
     * Returns once {@code GET uri} answers 200. Fails, showing the end of the log, when the process
     * exits first or the timeout passes.
     */
    void awaitHttpOk(URI uri, Duration timeout) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw failure(name + " exited with code " + process.exitValue() + " before " + uri + " answered 200");
            }
            String lastAnswer;
            try {
                int status = PROBE.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    return;
                }
                lastAnswer = "the last answer was HTTP " + status;
            } catch (IOException notAnsweringYet) {
                lastAnswer = "the last attempt failed: " + notAnsweringYet;
            }
            if (System.nanoTime() > deadline) {
                throw failure(name + " did not answer 200 on " + uri + " within " + timeout.toSeconds() + " s ("
                        + lastAnswer + ")");
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    /** Waits for the process to end; fails, showing the end of the log, on a timeout or a non-zero exit code. */
    void awaitSuccessfulExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw failure(name + " did not finish within " + timeout.toSeconds() + " s");
        }
        if (process.exitValue() != 0) {
            throw failure(name + " failed with exit code " + process.exitValue());
        }
    }

    /**
     * Returns once the log has a line containing TEXT. Fails, showing the end of the log, when the
     * process exits first or the timeout passes.
     */
    void awaitLogLine(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!logContains(text)) {
            if (!process.isAlive()) {
                throw failure(name + " exited with code " + process.exitValue() + " before logging '" + text + "'");
            }
            if (System.nanoTime() > deadline) {
                throw failure(name + " did not log '" + text + "' within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    private boolean logContains(String text) {
        try {
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8).contains(text);
        } catch (IOException notWrittenYet) {
            return false;
        }
    }

    private BenchFailure failure(String reason) {
        return new BenchFailure(reason + "\n--- last lines of " + log + " ---\n" + logTail());
    }

    private String logTail() {
        try {
            List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(cannot read the log: " + e.getMessage() + ")";
        }
    }

    @Override
    public synchronized void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                System.err.println(name + " did not stop within " + STOP_GRACE.toSeconds() + " s of SIGTERM; killing it");
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
