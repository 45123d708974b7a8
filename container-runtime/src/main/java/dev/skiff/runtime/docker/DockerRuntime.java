package dev.skiff.runtime.docker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.AttachContainerCmd;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.ExecStartCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.skiff.runtime.AttachRequest;
import dev.skiff.runtime.Container;
import dev.skiff.runtime.ContainerConfig;
import dev.skiff.runtime.ContainerRuntime;
import dev.skiff.runtime.ContainerStats;
import dev.skiff.runtime.ExecRequest;
import dev.skiff.runtime.ExecResult;
import dev.skiff.runtime.ExecSink;
import dev.skiff.runtime.ExecStream;
import dev.skiff.runtime.Image;
import dev.skiff.runtime.ImagePullException;
import dev.skiff.runtime.LogOptions;
import dev.skiff.runtime.LogSink;
import dev.skiff.runtime.LogStream;
import dev.skiff.runtime.PodContainers;
import dev.skiff.runtime.PortMapping;
import dev.skiff.runtime.Resources;
import dev.skiff.runtime.RuntimeInfo;
import dev.skiff.runtime.RuntimeListing;
import dev.skiff.runtime.Sandbox;
import dev.skiff.runtime.SandboxConfig;
import java.io.Closeable;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The container runtime port on a Docker engine, through docker-java.
 *
 * <p>A pod sandbox is a small container running the sandbox image (a process that only waits, see
 * {@link SandboxImage}); it owns the pod's network namespace (bridge network, or the host's with
 * {@code hostNetwork}), its hostname (the node's with {@code hostNetwork}), its host port mappings
 * and a shareable IPC namespace. App containers join it with network and IPC mode
 * {@code container:<sandbox id>}, so they share its IP, {@code localhost} and hostname. The
 * sandbox's IP is its address on the bridge network; a host-network sandbox has none (empty), and
 * the kubelet reports the node's IP as the pod IP then, as Kubernetes does. Docker names are made
 * from the pod's namespace, name, uid and the attempt (see {@link ContainerNames}), so creating
 * the same attempt twice fails with the engine's name conflict.
 *
 * <p>App containers log through the {@code json-file} driver so their output stays readable after
 * they exit. A container's {@code command} becomes Docker's entrypoint and {@code args} its cmd,
 * each only when not empty, which gives Kubernetes' rules: Docker drops the image's cmd when the
 * entrypoint is replaced, so {@code command} alone runs without the image's arguments.
 *
 * <p>Two docker-java clients are built once: one whose calls time out after
 * {@link DockerSettings#apiTimeout()}, for the short calls, and one without a read timeout for the
 * calls that may rightly stay quiet for long (following logs, exec, pull, stop with a grace
 * period); those are bounded here instead. Beside them the bare transport, with the short calls'
 * timeout, serves what docker-java has no command for (one-shot stats).
 */
public final class DockerRuntime implements ContainerRuntime {

    private static final Logger LOG = Logger.getLogger(DockerRuntime.class);

    /** How long a sandbox gets to stop before it is killed (Skiff's pause image exits at once). */
    static final int SANDBOX_STOP_SECONDS = 2;
    /** The most output an exec keeps. */
    static final int MAX_EXEC_OUTPUT = 64 * 1024;
    private static final Duration EXEC_EXIT_POLL = Duration.ofMillis(10);
    private static final Duration EXEC_EXIT_WAIT = Duration.ofSeconds(10);
    /** Stdin queued for an exec before the caller is asked to wait (ExecStream#writeStdin). */
    private static final int EXEC_STDIN_QUEUE_BYTES = 1024 * 1024;
    /** Inspections kept for reuse: a node's containers, with room for the previous instance of each. */
    private static final int INSPECTIONS_KEPT = 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LogConfig JSON_FILE_LOGS = new LogConfig(LogConfig.LoggingType.JSON_FILE,
            Map.of("max-size", "10m", "max-file", "5"));

    private final DockerSettings settings;
    private final DockerClient client;
    private final DockerClient streamingClient;
    private final DockerHttpClient transport;
    private final SandboxImage sandboxImage;
    private final InspectionCache inspections = new InspectionCache(INSPECTIONS_KEPT);
    /** Reads the exit codes of streamed execs (threads come and go with use). */
    private final ExecutorService execExits = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "skiff-exec-exit");
        thread.setDaemon(true);
        return thread;
    });

    public DockerRuntime(DockerSettings settings) {
        this.settings = settings;
        this.client = DockerClients.create(settings.host(), settings.apiTimeout(), settings.apiTimeout());
        this.streamingClient = DockerClients.create(settings.host(), settings.apiTimeout(), null);
        this.transport = DockerClients.transport(settings.host(), settings.apiTimeout(), settings.apiTimeout());
        this.sandboxImage = new SandboxImage(client, settings.sandboxImage());
    }

    @Override
    public RuntimeInfo info() {
        return new RuntimeInfo("docker", call("read the engine version", () -> client.versionCmd().exec().getVersion()));
    }

    @Override
    public Optional<Image> image(String reference) {
        try {
            InspectImageResponse image = call("inspect image " + reference, () -> client.inspectImageCmd(reference).exec());
            return Optional.of(new Image(image.getId(), reference, image.getSize() == null ? 0 : image.getSize()));
        } catch (DockerEngineException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Image pullImage(String reference) throws ImagePullException {
        String tagged = ImageReferences.withDefaultTag(reference);
        Duration timeout = settings.pullTimeout();
        PullProgress progress = new PullProgress();
        LOG.infof("Pulling image %s", reference);
        try {
            streamingClient.pullImageCmd(tagged).exec(progress);
            if (!progress.awaitEnd(timeout)) {
                progress.close();
                throw pullFailure(reference, "timed out after " + timeout.toSeconds() + "s", null);
            }
        } catch (InterruptedException e) {
            progress.close();
            Thread.currentThread().interrupt();
            throw pullFailure(reference, "interrupted", e);
        } catch (RuntimeException e) {
            throw pullFailure(reference, DockerEngineException.reason(e), e);
        }
        if (progress.failure() != null) {
            throw pullFailure(reference, DockerEngineException.reason(progress.failure()), progress.failure());
        }
        if (progress.error() != null) {
            throw pullFailure(reference, progress.error(), null);
        }
        Image image = image(tagged).orElseThrow(() -> pullFailure(reference, "the engine reported no error but has no such image", null));
        LOG.infof("Pulled image %s (%s)", tagged, image.id());
        return new Image(image.id(), reference, image.sizeBytes());
    }

    private static ImagePullException pullFailure(String reference, String reason, Throwable cause) {
        LOG.infof("Pulling image %s failed: %s", reference, reason);
        return new ImagePullException("failed to pull image \"" + reference + "\": " + reason, cause);
    }

    @Override
    public String runPodSandbox(SandboxConfig config) {
        String name = ContainerNames.sandbox(config.podName(), config.namespace(), config.podUid(), config.attempt());
        Map<String, String> labels = Labels.merge(config.labels(), Map.of(
                Labels.TYPE, Labels.SANDBOX,
                Labels.POD_NAMESPACE, Objects.requireNonNullElse(config.namespace(), ""),
                Labels.POD_NAME, Objects.requireNonNullElse(config.podName(), ""),
                Labels.POD_UID, Objects.requireNonNullElse(config.podUid(), ""),
                Labels.ATTEMPT, Integer.toString(config.attempt())));
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode(config.hostNetwork() ? "host" : "bridge")
                .withIpcMode("shareable");
        String id = createSandbox(name, labels, host, config);
        try {
            run("start sandbox " + name, () -> client.startContainerCmd(id).exec());
        } catch (RuntimeException e) {
            removeQuietly(id);
            throw e;
        }
        LOG.infof("Started sandbox %s (%s) for pod %s/%s", id, name, config.namespace(), config.podName());
        return id;
    }

    /** Creates the sandbox container, providing the sandbox image again when the engine no longer has it. */
    private String createSandbox(String name, Map<String, String> labels, HostConfig host, SandboxConfig config) {
        try {
            return createSandboxOnce(name, labels, host, config);
        } catch (DockerEngineException e) {
            if (!e.isNotFound()) {
                throw e;
            }
            LOG.infof("The sandbox image %s is gone from the engine; providing it again", settings.sandboxImage());
            sandboxImage.forget();
            return createSandboxOnce(name, labels, host, config);
        }
    }

    private String createSandboxOnce(String name, Map<String, String> labels, HostConfig host, SandboxConfig config) {
        String image = call("provide the sandbox image " + settings.sandboxImage(), sandboxImage::ensure);
        CreateContainerCmd create = client.createContainerCmd(image).withName(name).withLabels(labels);
        if (!config.hostNetwork()) {
            List<PortBinding> bindings = new ArrayList<>();
            for (PortMapping mapping : config.portMappings()) {
                if (mapping.hostPort() > 0) {
                    bindings.add(binding(mapping));
                }
            }
            host.withPortBindings(bindings);
            create.withExposedPorts(bindings.stream().map(PortBinding::getExposedPort).distinct().toList());
            if (config.hostname() != null && !config.hostname().isEmpty()) {
                create.withHostName(config.hostname());
            }
        }
        create.withHostConfig(host);
        return call("create sandbox " + name, () -> create.exec().getId());
    }

    private static PortBinding binding(PortMapping mapping) {
        String protocol = mapping.protocol() == null || mapping.protocol().isEmpty() ? "tcp" : mapping.protocol().toLowerCase(Locale.ROOT);
        ExposedPort port = new ExposedPort(mapping.containerPort(), InternetProtocol.parse(protocol));
        String hostIp = mapping.hostIp() == null || mapping.hostIp().isEmpty() ? null : mapping.hostIp();
        return new PortBinding(Ports.Binding.bindIpAndPort(hostIp, mapping.hostPort()), port);
    }

    /** Kills the sandbox's remaining containers (as the CRI asks), then stops the sandbox. */
    @Override
    public void stopPodSandbox(String sandboxId) {
        for (String containerId : containerIdsOf(sandboxId, false)) {
            stop(containerId, 0);
        }
        if (stop(sandboxId, SANDBOX_STOP_SECONDS)) {
            LOG.infof("Stopped sandbox %s", sandboxId);
        }
    }

    /** Removes the sandbox's containers (as the CRI asks), then the sandbox. */
    @Override
    public void removePodSandbox(String sandboxId) {
        for (String containerId : containerIdsOf(sandboxId, true)) {
            removeContainer(containerId);
        }
        if (remove(sandboxId)) {
            LOG.infof("Removed sandbox %s", sandboxId);
        }
    }

    @Override
    public List<Sandbox> listPodSandboxes(Map<String, String> labels) {
        return call("list sandboxes", () -> client.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Labels.filter(labels, Labels.SANDBOX))
                .exec())
                .stream()
                .map(StateMapper::sandbox)
                .toList();
    }

    @Override
    public String createContainer(String sandboxId, ContainerConfig config) {
        InspectContainerResponse sandbox = inspect(sandboxId)
                .filter(found -> StateMapper.isType(found, Labels.SANDBOX))
                .orElseThrow(() -> new IllegalArgumentException("no pod sandbox " + sandboxId));
        Map<String, String> pod = StateMapper.labels(sandbox);
        String name = ContainerNames.container(config.name(), pod.get(Labels.POD_NAME), pod.get(Labels.POD_NAMESPACE),
                pod.get(Labels.POD_UID), config.attempt());
        Map<String, String> labels = Labels.merge(config.labels(), Map.of(
                Labels.TYPE, Labels.CONTAINER,
                Labels.SANDBOX_ID, sandbox.getId(),
                Labels.CONTAINER_NAME, config.name(),
                Labels.ATTEMPT, Integer.toString(config.attempt()),
                Labels.POD_NAMESPACE, pod.getOrDefault(Labels.POD_NAMESPACE, ""),
                Labels.POD_NAME, pod.getOrDefault(Labels.POD_NAME, ""),
                Labels.POD_UID, pod.getOrDefault(Labels.POD_UID, "")));
        HostConfig host = resources(HostConfig.newHostConfig(), config.resources())
                .withNetworkMode("container:" + sandbox.getId())
                .withIpcMode("container:" + sandbox.getId())
                .withLogConfig(JSON_FILE_LOGS)
                .withBinds(config.mounts().stream()
                        .map(mount -> new Bind(mount.hostPath(), new Volume(mount.containerPath()),
                                mount.readOnly() ? AccessMode.ro : AccessMode.rw))
                        .toList());
        CreateContainerCmd create = client.createContainerCmd(config.image())
                .withName(name)
                .withLabels(labels)
                .withEnv(config.env().entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue()).toList())
                .withStdinOpen(config.stdio().stdin())
                .withStdInOnce(config.stdio().stdinOnce())
                .withTty(config.stdio().tty())
                .withHostConfig(host);
        if (!config.command().isEmpty()) {
            create.withEntrypoint(config.command());
        }
        if (!config.args().isEmpty()) {
            create.withCmd(config.args());
        }
        if (config.workingDir() != null && !config.workingDir().isEmpty()) {
            create.withWorkingDir(config.workingDir());
        }
        String id = call("create container " + name, () -> create.exec().getId());
        LOG.infof("Created container %s (%s) in sandbox %s", id, name, sandbox.getId());
        return id;
    }

    private static HostConfig resources(HostConfig host, Resources resources) {
        if (resources.cpuShares() > 0) {
            host.withCpuShares((int) resources.cpuShares());
        }
        if (resources.cpuQuotaMicros() > 0) {
            host.withCpuQuota(resources.cpuQuotaMicros());
        }
        if (resources.cpuPeriodMicros() > 0) {
            host.withCpuPeriod(resources.cpuPeriodMicros());
        }
        if (resources.memoryLimitBytes() > 0) {
            // no swap beyond the limit, as the kubelet runs pods
            host.withMemory(resources.memoryLimitBytes()).withMemorySwap(resources.memoryLimitBytes());
        }
        return host;
    }

    @Override
    public void startContainer(String containerId) {
        try {
            run("start container " + containerId, () -> client.startContainerCmd(containerId).exec());
            LOG.infof("Started container %s", containerId);
        } catch (DockerEngineException e) {
            if (e.status() != 304) {
                throw e;
            }
            LOG.debugf("Container %s was already running", containerId);
        }
    }

    @Override
    public void stopContainer(String containerId, Duration gracePeriod) {
        long millis = Math.max(0, gracePeriod.toMillis());
        int seconds = (int) Math.min(Integer.MAX_VALUE, TimeUnit.MILLISECONDS.toSeconds(millis + 999));
        if (stop(containerId, seconds)) {
            LOG.infof("Stopped container %s (grace period %ds)", containerId, seconds);
        }
    }

    /** Stops with SIGTERM, then SIGKILL after {@code seconds}; false when it was gone or not running. */
    private boolean stop(String containerId, int seconds) {
        try {
            run("stop container " + containerId,
                    () -> streamingClient.stopContainerCmd(containerId).withTimeout(seconds).exec());
            return true;
        } catch (DockerEngineException e) {
            if (e.isNotFound() || e.status() == 304) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void removeContainer(String containerId) {
        if (remove(containerId)) {
            LOG.infof("Removed container %s", containerId);
        }
    }

    /** Force-removes; false when it was gone already, or going (another caller's removal under way). */
    private boolean remove(String containerId) {
        inspections.remove(containerId);
        try {
            run("remove container " + containerId,
                    () -> client.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec());
            return true;
        } catch (DockerEngineException e) {
            if (e.isNotFound() || e.isRemovalInProgress()) {
                return false;
            }
            throw e;
        }
    }

    private void removeQuietly(String containerId) {
        try {
            remove(containerId);
        } catch (RuntimeException e) {
            LOG.warnf("Could not remove container %s after a failed start: %s", containerId, e.getMessage());
        }
    }

    /** One listing, then an inspection per container (the listing lacks exit codes and times). */
    @Override
    public List<Container> listContainers(Map<String, String> labels) {
        return inspected(call("list containers", () -> client.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Labels.filter(labels, Labels.CONTAINER))
                .exec()));
    }

    @Override
    public PodContainers listPodContainers(Map<String, String> labels) {
        Listing listing = listBothTypes("list the pod's sandboxes and containers", labels);
        return new PodContainers(listing.sandboxes(), inspected(listing.containers()));
    }

    @Override
    public RuntimeListing list(Map<String, String> labels) {
        Listing listing = listBothTypes("list sandboxes and containers", labels);
        return new RuntimeListing(listing.sandboxes(), listing.containers().stream().map(StateMapper::summary).toList());
    }

    /**
     * The listed containers as inspected, each inspected again only when its state changed since
     * (see {@link InspectionCache}); one removed since the listing is left out.
     */
    private List<Container> inspected(List<com.github.dockerjava.api.model.Container> listed) {
        List<Container> containers = new ArrayList<>(listed.size());
        for (com.github.dockerjava.api.model.Container each : listed) {
            inspections.get(each.getId(), each.getState())
                    .or(() -> inspect(each.getId()).map(this::remembered))
                    .ifPresent(containers::add);
        }
        return containers;
    }

    private Container remembered(InspectContainerResponse inspected) {
        Container container = StateMapper.container(inspected);
        inspections.put(inspected.getId(), inspected.getState() == null ? null : inspected.getState().getStatus(), container);
        return container;
    }

    /** Sandboxes and containers as one listing shows them, apart. */
    private record Listing(List<Sandbox> sandboxes, List<com.github.dockerjava.api.model.Container> containers) {
    }

    /** Sandboxes and containers with the labels in one listing (two would scan the engine's containers twice). */
    private Listing listBothTypes(String action, Map<String, String> labels) {
        List<Sandbox> sandboxes = new ArrayList<>();
        List<com.github.dockerjava.api.model.Container> containers = new ArrayList<>();
        for (com.github.dockerjava.api.model.Container listed
                : call(action, () -> client.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec())) {
            String type = listed.getLabels() == null ? null : listed.getLabels().get(Labels.TYPE);
            if (Labels.SANDBOX.equals(type)) {
                sandboxes.add(StateMapper.sandbox(listed));
            } else if (Labels.CONTAINER.equals(type)) {
                containers.add(listed);
            }
        }
        return new Listing(sandboxes, containers);
    }

    @Override
    public Optional<Container> container(String containerId) {
        return inspect(containerId)
                .filter(found -> StateMapper.isType(found, Labels.CONTAINER))
                .map(this::remembered);
    }

    private Optional<InspectContainerResponse> inspect(String containerId) {
        try {
            return Optional.of(call("inspect container " + containerId, () -> client.inspectContainerCmd(containerId).exec()));
        } catch (DockerEngineException e) {
            if (e.isNotFound()) {
                inspections.remove(containerId);
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * One sample of the engine's stats, asked for with {@code one-shot}, so the engine does not wait
     * a second for a previous sample to compute rates from (docker-java's StatsCmd cannot ask so,
     * hence the bare transport).
     */
    @Override
    public Optional<ContainerStats> stats(String containerId) {
        String action = "read the stats of container " + containerId;
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path("/containers/" + URLEncoder.encode(containerId, StandardCharsets.UTF_8) + "/stats?stream=false&one-shot=true")
                .build();
        try (DockerHttpClient.Response response = transport.execute(request)) {
            int status = response.getStatusCode();
            if (status == 404) {
                return Optional.empty();
            }
            byte[] body = response.getBody().readAllBytes();
            if (status != 200) {
                throw new DockerEngineException(action, status, DockerEngineException.reasonIn(new String(body, StandardCharsets.UTF_8)), null);
            }
            return StatsMapper.stats(JSON.readTree(body));
        } catch (IOException e) {
            throw new DockerEngineException(action, 0, e.getMessage(), e);
        } catch (RuntimeException e) {
            throw DockerEngineException.of(action, e);
        }
    }

    /** The app containers of a sandbox, all or only the running ones. */
    private List<String> containerIdsOf(String sandboxId, boolean all) {
        return call("list the containers of sandbox " + sandboxId, () -> client.listContainersCmd()
                .withShowAll(all)
                .withLabelFilter(Map.of(Labels.TYPE, Labels.CONTAINER, Labels.SANDBOX_ID, sandboxId))
                .exec())
                .stream()
                .map(com.github.dockerjava.api.model.Container::getId)
                .toList();
    }

    /**
     * Keeps at most {@link #MAX_EXEC_OUTPUT} bytes of output. On a timeout the stream is closed
     * and the result says so; Docker cannot kill an exec, so the command itself runs on in the
     * container until it ends (as with Kubernetes' Docker support).
     */
    @Override
    public ExecResult exec(String containerId, List<String> command, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String execId = createExec(containerId, command, false, false);
        OutputCollector output = new OutputCollector(MAX_EXEC_OUTPUT);
        try {
            streamingClient.execStartCmd(execId).exec(output);
            if (!output.awaitEnd(remaining(deadline))) {
                output.close();
                LOG.debugf("Exec %s in container %s timed out after %s", command, containerId, timeout);
                return new ExecResult(-1, output.text(), true);
            }
            if (output.failure() != null) {
                throw DockerEngineException.of("exec in container " + containerId, output.failure());
            }
            OptionalInt exitCode = exitCode(execId, deadline);
            return exitCode.isPresent() ? new ExecResult(exitCode.getAsInt(), output.text(), false) : new ExecResult(-1, output.text(), true);
        } catch (InterruptedException e) {
            output.close();
            Thread.currentThread().interrupt();
            throw new DockerEngineException("exec in container " + containerId, 0, "interrupted", e);
        } catch (RuntimeException e) {
            output.close();
            throw DockerEngineException.of("exec in container " + containerId, e);
        }
    }

    /**
     * Output as it comes; the exit code is waited for at most {@link #EXEC_EXIT_WAIT} after the
     * output ended. Stdin goes over the same connection, hijacked ({@code EngineHttpClient}); it
     * is dropped when the output ends, which ends the transport's stdin thread.
     */
    @Override
    public ExecStream exec(String containerId, ExecRequest request, ExecSink sink) {
        String execId = createExec(containerId, request.command(), request.stdin(), request.tty());
        ExecStdin stdin = request.stdin() ? new ExecStdin(EXEC_STDIN_QUEUE_BYTES, sink::onStdinDrained) : null;
        ExecFollower follower = new ExecFollower(containerId, sink, () -> exitCode(execId, System.nanoTime() + EXEC_EXIT_WAIT.toNanos())
                .orElseThrow(() -> new DockerEngineException("exec in container " + containerId, 0,
                        "the engine still reports the command running " + EXEC_EXIT_WAIT.toSeconds() + " s after its output ended", null)),
                execExits, stdin == null ? () -> { } : stdin::abort);
        try {
            ExecStartCmd start = streamingClient.execStartCmd(execId).withTty(request.tty());
            (stdin == null ? start : start.withStdIn(stdin)).exec(follower);
        } catch (RuntimeException e) {
            follower.onError(e);
        }
        return new DockerExec(follower, stdin, request.tty() ? (width, height) -> resizeExec(execId, width, height) : null);
    }

    /**
     * The engine's attach, its stdin hijacking the connection as an exec's does. Only output from
     * now on is asked for (no replay of the logs), as Kubernetes' attach gives it. The engine answers
     * an attach to a stopped container with an output that ends at once, so a container not running
     * is refused first.
     */
    @Override
    public ExecStream attach(String containerId, AttachRequest request, ExecSink sink) {
        Container current = container(containerId).orElseThrow(() -> new DockerEngineException("attach to container " + containerId, 404,
                "no such container", null));
        if (current.state() != Container.ContainerState.RUNNING) {
            throw new DockerEngineException("attach to container " + containerId, 409, "the container is not running", null);
        }
        ExecStdin stdin = request.stdin() ? new ExecStdin(EXEC_STDIN_QUEUE_BYTES, sink::onStdinDrained) : null;
        ExecFollower follower = new ExecFollower(containerId, sink, () -> 0, execExits, stdin == null ? () -> { } : stdin::abort);
        try {
            AttachContainerCmd attach = streamingClient.attachContainerCmd(containerId).withStdOut(true).withStdErr(true).withFollowStream(true);
            (stdin == null ? attach : attach.withStdIn(stdin)).exec(follower);
        } catch (RuntimeException e) {
            follower.onError(e);
        }
        return new DockerExec(follower, stdin, request.tty() ? (width, height) -> resizeContainer(containerId, width, height) : null);
    }

    private void resizeContainer(String containerId, int width, int height) {
        call("resize container " + containerId, () -> client.resizeContainerCmd(containerId).withSize(height, width).exec());
    }

    /** A command to run with stdout and stderr attached, and stdin and a terminal if asked; a container that is missing or not running fails it. */
    private String createExec(String containerId, List<String> command, boolean stdin, boolean tty) {
        return call("exec in container " + containerId, () -> client.execCreateCmd(containerId)
                .withCmd(command.toArray(String[]::new))
                .withAttachStdin(stdin)
                .withAttachStdout(true)
                .withAttachStderr(true)
                .withTty(tty)
                .exec()
                .getId());
    }

    private void resizeExec(String execId, int width, int height) {
        call("resize exec " + execId, () -> client.resizeExecCmd(execId).withSize(height, width).exec());
    }

    /**
     * The exec's exit code, or empty if it still runs at the deadline: the output can end an instant
     * before the engine has recorded the exit code.
     */
    private OptionalInt exitCode(String execId, long deadline) {
        InspectExecResponse finished = inspectExec(execId);
        while (Boolean.TRUE.equals(finished.isRunning()) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(EXEC_EXIT_POLL.toNanos());
            finished = inspectExec(execId);
        }
        return Boolean.TRUE.equals(finished.isRunning()) ? OptionalInt.empty() : OptionalInt.of(finished.getExitCodeLong().intValue());
    }

    private InspectExecResponse inspectExec(String execId) {
        return call("inspect exec " + execId, () -> client.inspectExecCmd(execId).exec());
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    /** Docker takes {@code since} in whole seconds: output of the second it falls in is included. */
    @Override
    public LogStream logs(String containerId, LogOptions options, LogSink sink) {
        LogContainerCmd command = streamingClient.logContainerCmd(containerId)
                .withStdOut(true)
                .withStdErr(true)
                .withFollowStream(options.follow())
                .withTimestamps(options.timestamps());
        if (options.tailLines() >= 0) {
            command.withTail(options.tailLines());
        } else {
            command.withTailAll();
        }
        if (options.since() != null) {
            command.withSince((int) options.since().getEpochSecond());
        }
        LogFollower follower = new LogFollower(containerId, sink);
        try {
            command.exec(follower);
        } catch (RuntimeException e) {
            follower.onError(e);
        }
        return follower;
    }

    @Override
    public void close() {
        execExits.shutdownNow();
        for (Closeable each : List.of(client, streamingClient, transport)) {
            try {
                each.close();
            } catch (IOException e) {
                LOG.debugf("Closing a Docker client failed: %s", e.getMessage());
            }
        }
    }

    private static <T> T call(String action, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw DockerEngineException.of(action, e);
        }
    }

    private static void run(String action, Runnable call) {
        call(action, () -> {
            call.run();
            return null;
        });
    }
}
