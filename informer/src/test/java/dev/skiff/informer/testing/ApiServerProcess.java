package dev.skiff.informer.testing;

import dev.skiff.testing.FreePorts;

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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real api-server, run for a test from its Quarkus jar ({@code api-server/target/quarkus-app},
 * found from the working directory upwards; this module does not build it) as its own process on a
 * free loopback port, with an embedded store in a temporary directory.
 */
public final class ApiServerProcess implements AutoCloseable {

    private static final Path JAR = Path.of("api-server", "target", "quarkus-app", "quarkus-run.jar");
    private static final Duration READY_DEADLINE = Duration.ofSeconds(60);

    private final Process process;
    private final Path directory;
    private final String url;

    private ApiServerProcess(Process process, Path directory, String url) {
        this.process = process;
        this.directory = directory;
        this.url = url;
    }

    /** Starts an api-server with these settings (environment variables) on top of its port and store, and waits until it is ready. */
    public static ApiServerProcess start(Map<String, String> settings) throws IOException, InterruptedException {
        Path jar = locateJar();
        Path directory = Files.createTempDirectory("skiff-api-server-");
        int port = FreePorts.one();
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString())
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("api-server.log").toFile());
        builder.environment().putAll(settings);
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("SKIFF_HOME", directory.toString());
        builder.environment().put("SKIFF_STORE_EMBEDDED_DIR", directory.resolve("store").toString());
        ApiServerProcess server = new ApiServerProcess(builder.start(), directory, "http://127.0.0.1:" + port);
        try {
            server.awaitReady();
        } catch (RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
        return server;
    }

    public String url() {
        return url;
    }

    /** Kills the api-server and deletes its directory. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest readyz = HttpRequest.newBuilder(URI.create(url + "/readyz")).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY_DEADLINE.toNanos();
        while (true) {
            try {
                if (http.send(readyz, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the api-server at " + url + (process.isAlive()
                        ? " was not ready within " + READY_DEADLINE.toSeconds() + " s" : " exited") + "; its log:\n" + logTail());
            }
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(directory.resolve("api-server.log"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static Path locateJar() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(JAR))) {
                return dir.resolve(JAR);
            }
        }
        throw new IllegalStateException("no " + JAR + " in " + Path.of("").toAbsolutePath()
                + " or above: build the api-server first (mvn -pl api-server -am package -DskipTests at the repository root)");
    }
}
