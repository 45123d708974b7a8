package dev.skiff.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import dev.skiff.runtime.ContainerConfig;
import dev.skiff.runtime.Resources;
import dev.skiff.runtime.SandboxConfig;
import dev.skiff.runtime.docker.DockerClients;
import dev.skiff.runtime.docker.DockerRuntime;
import dev.skiff.runtime.docker.DockerSettings;
import dev.skiff.runtime.docker.ImageArchive;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the benchmark does in the Docker engine itself: the image the pods run, the raw
 * docker-java containers timed beside the kubelet's pods, pods made through Skiff's Docker
 * runtime alone (sandbox plus app container, no kubelet), the engine's events of the kubelet's
 * containers, and removing containers by label.
 */
final class PodStartDocker implements AutoCloseable {

    static final String IMAGE = "skiff.local/busybox:1";
    /** Runs until stopped, and ends at once on SIGTERM (a shell as pid 1 would ignore it). */
    static final List<String> COMMAND = List.of("sh", "-c", "trap 'exit 0' TERM; sleep 86400 & wait");

    private static final URI HOST = DockerSettings.DEFAULT_HOST;
    private static final Path BUSYBOX = Path.of("/bin/busybox");
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration REMOVAL_TIMEOUT = Duration.ofSeconds(180);
    /** Removals in flight at once. */
    private static final int REMOVAL_LANES = 4;

    private final DockerClient client;
    /** Without a read timeout, for the events stream, which stays quiet between rounds. */
    private final DockerClient streaming;
    private final DockerRuntime runtime;
    private final String version;

    private PodStartDocker(DockerClient client, DockerClient streaming, DockerRuntime runtime, String version) {
        this.client = client;
        this.streaming = streaming;
        this.runtime = runtime;
        this.version = version;
    }

    /** Clients of the local engine; fails with what to do when it does not answer. */
    static PodStartDocker connect() {
        DockerClient client = DockerClients.create(HOST, Duration.ofSeconds(5), CALL_TIMEOUT);
        String version;
        try {
            version = client.versionCmd().exec().getVersion();
        } catch (RuntimeException e) {
            closeQuietly(client);
            throw new BenchFailure("no Docker engine answers at " + HOST + " (" + e.getMessage()
                    + "): start it (e.g. service docker start, or dockerd as ./skiff test does) and run the benchmark again");
        }
        return new PodStartDocker(client, DockerClients.create(HOST, Duration.ofSeconds(5), null),
                new DockerRuntime(DockerSettings.defaults().withApiTimeout(CALL_TIMEOUT)), version);
    }

    String version() {
        return version;
    }

    /**
     * Makes sure {@link #IMAGE} is there; when missing, builds a minimal one from the host's static
     * busybox (the tests' recipe replaces it with theirs when they run).
     */
    void ensureImage() {
        try {
            client.inspectImageCmd(IMAGE).exec();
            return;
        } catch (NotFoundException missing) {
            // built below
        }
        if (!Files.isReadable(BUSYBOX)) {
            throw new BenchFailure("the image " + IMAGE + " is missing and cannot be built: " + BUSYBOX
                    + " is missing too; install the package busybox-static (apt-get install -y busybox-static) or run ./skiff test,"
                    + " which installs it and builds the image");
        }
        byte[] busybox;
        try {
            busybox = Files.readAllBytes(BUSYBOX);
        } catch (IOException e) {
            throw new BenchFailure("cannot read " + BUSYBOX + " to build " + IMAGE + ": " + e.getMessage());
        }
        new ImageArchive(IMAGE)
                .architecture(goArchitecture())
                .env("PATH=/usr/sbin:/usr/bin:/sbin:/bin")
                .directory("bin", 0755)
                .file("bin/busybox", 0755, busybox)
                .symlink("bin/sh", "busybox")
                .symlink("bin/sleep", "busybox")
                .directory("tmp", 01777)
                .cmd("/bin/sh")
                .loadInto(client);
        System.out.println("built the image " + IMAGE + " from " + BUSYBOX);
    }

    private static String goArchitecture() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> arch;
        };
    }

    /** Follows the engine's container events of everything labelled LABELS until the timeline is closed. */
    PodStartTimeline followEvents(Map<String, String> labels) {
        return streaming.eventsCmd()
                .withEventTypeFilter("container")
                .withEventFilter("create", "start")
                .withLabelFilter(labels)
                .exec(new PodStartTimeline());
    }

    /** Creates a container of the image named NAME (labelled LABELS) and starts it; returns the creation's end in {@link System#nanoTime()}. */
    long createAndStart(String name, Map<String, String> labels) {
        String id = client.createContainerCmd(IMAGE)
                .withName(name)
                .withLabels(labels)
                .withCmd(COMMAND)
                .exec()
                .getId();
        long created = System.nanoTime();
        client.startContainerCmd(id).exec();
        return created;
    }

    /** A pod made as the kubelet makes it through Skiff's Docker runtime: its sandbox, then its container, created and started. */
    void startPodThroughRuntime(String namespace, String name, Map<String, String> labels) {
        String sandbox = runtime.runPodSandbox(new SandboxConfig(namespace, name, UUID.randomUUID().toString(), 0, name,
                false, List.of(), labels));
        String container = runtime.createContainer(sandbox, new ContainerConfig("main", 0, IMAGE, COMMAND, List.of(), null,
                Map.of(), List.of(), Resources.NONE, labels));
        runtime.startContainer(container);
    }

    /** Containers labelled LABELS, running or not. */
    int count(Map<String, String> labels) {
        return list(labels).size();
    }

    /**
     * Force-removes every container labelled LABELS, those joined to another's network namespace
     * first, a few at a time: the engine's network bookkeeping is where mass removals hurt (Docker
     * 20.10 before 20.10.27 can deadlock there, moby/moby#46661). Returns how many there were;
     * fails when the engine has not removed them within {@link #REMOVAL_TIMEOUT}.
     */
    int removeAll(Map<String, String> labels, ExecutorService pool) throws InterruptedException {
        List<Container> containers = new ArrayList<>(list(labels));
        containers.sort(Comparator.comparing(container -> !joinsAnother(container)));
        int lanes = Math.min(REMOVAL_LANES, containers.size());
        List<Future<?>> removals = new ArrayList<>();
        for (int lane = 0; lane < lanes; lane++) {
            int first = lane;
            removals.add(pool.submit(() -> {
                for (int i = first; i < containers.size(); i += lanes) {
                    try {
                        client.removeContainerCmd(containers.get(i).getId()).withForce(true).withRemoveVolumes(true).exec();
                    } catch (NotFoundException alreadyGone) {
                        // removed meanwhile, by the kubelet
                    } catch (RuntimeException e) {
                        System.err.println("could not remove container " + containers.get(i).getId() + ": " + e.getMessage());
                    }
                }
            }));
        }
        awaitAll(removals, REMOVAL_TIMEOUT, "removing " + containers.size() + " containers");
        return containers.size();
    }

    private static boolean joinsAnother(Container container) {
        String mode = container.getHostConfig() == null ? null : container.getHostConfig().getNetworkMode();
        return mode != null && mode.startsWith("container:");
    }

    /**
     * Waits for the tasks, which call the engine; fails with what to look at when they are not done
     * by the timeout (docker-java's read timeout does not apply on the Unix socket, so a hung engine
     * would hold them forever).
     */
    static void awaitAll(List<Future<?>> tasks, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Future<?> task : tasks) {
            try {
                task.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw new BenchFailure(what + " did not finish within " + timeout.toSeconds() + " s: the Docker engine"
                        + " may be hung (see `docker ps`, and the goroutine dump `kill -USR1 <dockerd pid>` writes to"
                        + " /var/run/docker; Docker 20.10 before 20.10.27 can deadlock when many containers go at once,"
                        + " moby/moby#46661)");
            } catch (ExecutionException e) {
                throw new BenchFailure(what + " failed: " + e.getCause());
            }
        }
    }

    private List<Container> list(Map<String, String> labels) {
        return client.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec();
    }

    @Override
    public void close() {
        runtime.close();
        closeQuietly(client);
        closeQuietly(streaming);
    }

    private static void closeQuietly(DockerClient client) {
        try {
            client.close();
        } catch (IOException e) {
            // closing on the way out
        }
    }

    @Override
    public String toString() {
        return "Docker clients of " + HOST;
    }
}
