package dev.skiff.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The container runtime port: what the kubelet needs from the engine that runs containers,
 * shaped like the CRI (RuntimeService + ImageService) so that a CRI backend (CRI-O, containerd)
 * fits behind it beside the Docker one. A pod is a sandbox (it owns the network namespace: the pod
 * IP, the host port mappings) and containers that join it. Every sandbox and container carries the
 * labels its creator gives it; the list calls filter by them, which is how a kubelet finds its own.
 * All calls block; they throw {@link RuntimeException} when the engine fails or cannot be reached.
 */
public interface ContainerRuntime extends AutoCloseable {

    /** Name and version of the engine, e.g. {@code docker} {@code 20.10.24}. */
    RuntimeInfo info();

    /** The image as present locally, or empty when it is not. */
    Optional<Image> image(String reference);

    /** Pulls the image; fails with {@link ImagePullException} when it cannot be had. */
    Image pullImage(String reference) throws ImagePullException;

    /** Creates and starts a pod sandbox and returns its id; the runtime provides the sandbox image itself when missing. */
    String runPodSandbox(SandboxConfig config);

    /** Stops the sandbox (its network goes); already stopped or gone is fine. */
    void stopPodSandbox(String sandboxId);

    /** Removes the sandbox; already gone is fine. */
    void removePodSandbox(String sandboxId);

    /** Sandboxes carrying all these labels, in any state. */
    List<Sandbox> listPodSandboxes(Map<String, String> labels);

    /** Creates a container in the sandbox (not started) and returns its id. */
    String createContainer(String sandboxId, ContainerConfig config);

    void startContainer(String containerId);

    /** Sends SIGTERM, waits up to the grace period, then SIGKILL; already stopped or gone is fine. */
    void stopContainer(String containerId, Duration gracePeriod);

    /** Removes the container (stopped or not); already gone is fine. */
    void removeContainer(String containerId);

    /** Containers (not sandboxes) carrying all these labels, in any state. */
    List<Container> listContainers(Map<String, String> labels);

    /**
     * The sandboxes and containers carrying all these labels in one cheap call, the containers
     * without exit codes or times: for noticing changes often. A container whose start failed may
     * still show as created.
     */
    RuntimeListing list(Map<String, String> labels);

    /**
     * The sandboxes and containers carrying all these labels (one pod's), as {@link #listPodSandboxes}
     * and {@link #listContainers} give them, read together: the Docker backend in one listing, where
     * the two calls would scan the engine's containers twice.
     */
    PodContainers listPodContainers(Map<String, String> labels);

    /** The container's current state, or empty when it does not exist. */
    Optional<Container> container(String containerId);

    /**
     * What the container uses now (cumulative CPU time, memory working set), or empty when it does
     * not exist or is not running.
     */
    Optional<ContainerStats> stats(String containerId);

    /** Runs a command in a running container, for exec probes; a command that outlives the timeout is reported as timed out. */
    ExecResult exec(String containerId, List<String> command, Duration timeout);

    /**
     * Runs a command in a running container as {@code kubectl exec} does, its output and then its
     * exit code delivered to the sink from a thread of the runtime's, its stdin (if asked for)
     * written through the returned stream. Fails at once when the container does not exist or is
     * not running.
     */
    ExecStream exec(String containerId, ExecRequest request, ExecSink sink);

    /**
     * Joins the streams of the container's main process as {@code kubectl attach} does: its output
     * from now on to the sink, from a thread of the runtime's, its stdin (if asked for; the container
     * must have been created with one to read it) written through the returned stream, its terminal
     * resized (if it has one). The output ends when the process does, or when its stdin closes and
     * the container was created to stop reading then ({@code stdinOnce}); that end reaches the sink
     * as {@link ExecSink#onExit} with 0: an attach has no exit code of its own. Fails at once when the
     * container does not exist or is not running.
     */
    ExecStream attach(String containerId, AttachRequest request, ExecSink sink);

    /**
     * Streams the container's output (stdout and stderr, in order) to the sink, from a thread of
     * the runtime's; with {@code follow} until the container stops or the stream is closed. Closing
     * the returned stream stops it.
     */
    LogStream logs(String containerId, LogOptions options, LogSink sink);

    @Override
    void close();
}
