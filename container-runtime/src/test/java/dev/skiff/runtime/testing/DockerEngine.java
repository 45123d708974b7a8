package dev.skiff.runtime.testing;

import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import dev.skiff.runtime.docker.DockerClients;
import dev.skiff.runtime.docker.DockerSettings;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.awaitility.core.ConditionTimeoutException;
import org.jboss.logging.Logger;

/**
 * The Docker engine tests run against: the one answering on {@link #host()}, or else a
 * {@code dockerd --storage-driver=vfs} started here in the background, which keeps running for
 * later tests and other test JVMs (its output goes to {@link #LOG_FILE}).
 */
public final class DockerEngine {

    public static final Path LOG_FILE = Path.of(System.getProperty("java.io.tmpdir"), "skiff-dockerd.log");

    private static final Logger LOG = Logger.getLogger(DockerEngine.class);
    private static final Duration START_DEADLINE = Duration.ofSeconds(60);
    private static final List<String> SYSTEM_DIRS = List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin");

    private DockerEngine() {
    }

    /** The engine's API: the local engine's Unix socket. */
    public static URI host() {
        return DockerSettings.DEFAULT_HOST;
    }

    /** Runtime settings for tests: this engine, short timeouts for calls and pulls. */
    public static DockerSettings settings() {
        return DockerSettings.defaults()
                .withHost(host())
                .withApiTimeout(Duration.ofSeconds(30))
                .withPullTimeout(Duration.ofSeconds(20));
    }

    /** Makes sure an engine answers on {@link #host()}, starting {@code dockerd} when none does, and returns its URI. */
    public static synchronized URI ensureRunning() {
        if (answers()) {
            return host();
        }
        Path dockerd = dockerd().orElseThrow(() -> new IllegalStateException(
                "no Docker engine answers on " + host() + " and dockerd is not installed: `./skiff test` installs"
                        + " the package docker.io (or run apt-get install -y docker.io)"));
        LOG.infof("No Docker engine answers on %s: starting %s --storage-driver=vfs, output in %s", host(), dockerd, LOG_FILE);
        Process process;
        try {
            process = new ProcessBuilder(dockerd.toString(), "--storage-driver=vfs")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(LOG_FILE.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + dockerd, e);
        }
        try {
            await("the Docker engine on " + host())
                    .atMost(START_DEADLINE)
                    .pollInterval(Duration.ofMillis(250))
                    .until(DockerEngine::answers);
        } catch (ConditionTimeoutException e) {
            String state = process.isAlive() ? "is still running" : "exited with status " + process.exitValue();
            throw new IllegalStateException("dockerd " + state + " but no engine answered on " + host() + " within "
                    + START_DEADLINE.toSeconds() + "s; see " + LOG_FILE, e);
        }
        LOG.infof("The Docker engine answers on %s (dockerd pid %d)", host(), process.pid());
        return host();
    }

    /** A client for the engine; the caller closes it. */
    public static DockerClient client() {
        return DockerClients.create(host(), Duration.ofSeconds(5), Duration.ofSeconds(60));
    }

    private static boolean answers() {
        try (DockerClient client = DockerClients.create(host(), Duration.ofSeconds(2), Duration.ofSeconds(5))) {
            client.pingCmd().exec();
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static Optional<Path> dockerd() {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.addAll(SYSTEM_DIRS);
        return dirs.stream()
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "dockerd"))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
