package dev.skiff.kubelet.pod;

import dev.skiff.informer.EventRecorder;
import dev.skiff.kubelet.node.NodeIdentity;
import dev.skiff.kubelet.probe.ProbeManager;
import dev.skiff.runtime.Container.ContainerState;
import dev.skiff.runtime.ContainerConfig;
import dev.skiff.runtime.ContainerRuntime;
import dev.skiff.runtime.PodContainers;
import dev.skiff.runtime.PortMapping;
import dev.skiff.runtime.Sandbox;
import dev.skiff.runtime.SandboxConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * One pass of a pod's worker: compares what the pod asks for with what the runtime has and does
 * the next steps — level-triggered, from scratch each time, so a missed event costs nothing. In
 * order: a ready sandbox; the init containers one by one to completion; the app containers
 * (started, restarted as the restart policy and the back-off allow, killed when their liveness
 * probe failed); then the status. A pod being deleted is stopped (grace period, then SIGKILL),
 * cleaned up and its object deleted with grace 0.
 */
public final class PodSync {

    private static final Logger LOG = Logger.getLogger(PodSync.class);
    private static final long DEFAULT_GRACE_SECONDS = 30;

    private final ContainerRuntime runtime;
    private final KubernetesClient client;
    private final NodeIdentity node;
    private final ImagePuller images;
    private final PodVolumes volumes;
    private final ContainerConfigFactory configs;
    private final BackOff backOff;
    private final ProbeManager probes;
    private final PodStatusBuilder statuses;
    private final PodStatusWriter writer;
    private final EventRecorder events;

    public PodSync(ContainerRuntime runtime, KubernetesClient client, NodeIdentity node, ImagePuller images,
                   PodVolumes volumes, ContainerConfigFactory configs, BackOff backOff, ProbeManager probes,
                   PodStatusBuilder statuses, PodStatusWriter writer, EventRecorder events) {
        this.runtime = runtime;
        this.client = client;
        this.node = node;
        this.images = images;
        this.volumes = volumes;
        this.configs = configs;
        this.backOff = backOff;
        this.probes = probes;
        this.statuses = statuses;
        this.writer = writer;
        this.events = events;
    }

    /** What a pass decided: when to look again at the latest (null: on the next event or resync). */
    public record Result(Duration retryIn) {
    }

    /** Syncs a pod the kubelet should run, or (pod null) removes what is left of one that is gone. */
    public Result sync(String podUid, Pod pod) {
        PodContainers actual = read(podUid);
        if (pod == null) {
            if (!actual.isEmpty()) {
                LOG.infof("removing the containers of pod %s, which no longer exists", podUid);
                terminate(actual, Duration.ofSeconds(2), null);
            }
            forget(podUid);
            return new Result(null);
        }
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            terminate(actual, gracePeriod(pod), pod);
            forget(podUid);
            deletePodObject(pod);
            return new Result(null);
        }
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
            stopRunning(actual, gracePeriod(pod), pod);
            return new Result(null);
        }
        return run(pod, actual);
    }

    private Result run(Pod pod, PodContainers actual) {
        Map<String, Waiting> waiting = new HashMap<>();
        List<Duration> retries = new ArrayList<>();
        String restartPolicy = Optional.ofNullable(pod.getSpec().getRestartPolicy()).orElse("Always");
        Sandbox sandbox = actual.readySandbox().orElse(null);
        if (sandbox == null) {
            boolean ranBefore = !actual.containers().isEmpty();
            if (ranBefore && restartPolicy.equals("Never")) {
                stopRunning(actual, Duration.ZERO, pod);
                return writeStatus(pod, read(pod.getMetadata().getUid()), waiting, retries);
            }
            if (!actual.isEmpty()) {
                LOG.infof("pod %s: its sandbox is gone; starting a new one and its containers again", describe(pod));
                events.normal(pod, "SandboxChanged", "Pod sandbox changed, it will be killed and re-created.");
                stopRunning(actual, Duration.ZERO, pod);
            }
            try {
                runtime.runPodSandbox(sandboxConfig(pod, actual.sandboxes().size()));
            } catch (RuntimeException e) {
                LOG.warnf(e, "pod %s: could not create its sandbox", describe(pod));
                events.warning(pod, "FailedCreatePodSandBox", "Failed to create pod sandbox: " + e.getMessage());
                retries.add(Duration.ofSeconds(5));
                return writeStatus(pod, actual, waiting, retries);
            }
            actual = read(pod.getMetadata().getUid());
            sandbox = actual.readySandbox().orElse(null);
            if (sandbox == null) {
                retries.add(Duration.ofSeconds(1));
                return writeStatus(pod, actual, waiting, retries);
            }
        }
        String podIp = podIp(pod, sandbox);
        boolean changed = false;
        boolean initialized = true;
        for (Container container : pod.getSpec().getInitContainers()) {
            var latest = actual.latest(container.getName(), sandbox.id());
            if (latest.isPresent() && latest.get().state() == ContainerState.EXITED && latest.get().exitCode() == 0) {
                continue;
            }
            initialized = false;
            if (latest.isPresent() && latest.get().state() == ContainerState.RUNNING) {
                break;
            }
            if (latest.isPresent() && latest.get().state() == ContainerState.EXITED) {
                if (!restartPolicy.equals("Never")) {
                    changed |= restart(pod, container, true, latest.get(), sandbox, podIp, waiting, retries);
                }
                break;
            }
            changed |= start(pod, container, true, nextAttempt(actual, container.getName()), sandbox, podIp, waiting, retries);
            break;
        }
        if (initialized) {
            for (Container container : pod.getSpec().getContainers()) {
                var latest = actual.latest(container.getName(), sandbox.id());
                if (latest.isEmpty()) {
                    changed |= start(pod, container, false, nextAttempt(actual, container.getName()), sandbox, podIp, waiting, retries);
                    continue;
                }
                dev.skiff.runtime.Container instance = latest.get();
                if (instance.state() == ContainerState.RUNNING) {
                    if (!probes.mustRestart(instance.id())) {
                        probes.ensureStarted(pod, container, instance.id(), instance.startedAt(), podIp);
                        continue;
                    }
                    events.record(pod, fieldPath(container), "Normal", "Killing",
                            "Container " + container.getName() + " failed liveness probe, will be restarted");
                    runtime.stopContainer(instance.id(), gracePeriod(pod));
                    changed = true;
                    instance = runtime.container(instance.id()).orElse(instance);
                }
                if (instance.state() == ContainerState.CREATED) {
                    runtime.removeContainer(instance.id());
                    start(pod, container, false, instance.attempt(), sandbox, podIp, waiting, retries);
                    changed = true;
                    continue;
                }
                boolean restart = restartPolicy.equals("Always") || (restartPolicy.equals("OnFailure") && instance.exitCode() != 0);
                if (restart) {
                    changed |= restart(pod, container, false, instance, sandbox, podIp, waiting, retries);
                }
            }
        }
        // a pass that changed nothing (the steady state of a running pod) reuses what it read
        PodContainers now = changed ? read(pod.getMetadata().getUid()) : actual;
        removeOldInstances(now);
        return writeStatus(pod, now, waiting, retries);
    }

    private Result writeStatus(Pod pod, PodContainers actual, Map<String, Waiting> waiting, List<Duration> retries) {
        Sandbox sandbox = actual.readySandbox().orElse(null);
        String podIp = sandbox == null ? null : podIp(pod, sandbox);
        writer.write(pod, statuses.build(pod, writer.current(pod), actual, waiting, podIp, node.address()));
        return new Result(retries.stream().min(Duration::compareTo).orElse(null));
    }

    /** Restarts the dead container unless its back-off window is still open; returns whether the runtime changed. */
    private boolean restart(Pod pod, Container container, boolean init, dev.skiff.runtime.Container dead, Sandbox sandbox,
                            String podIp, Map<String, Waiting> waiting, List<Duration> retries) {
        String key = pod.getMetadata().getUid() + "/" + container.getName();
        Duration left = backOff.remaining(key, dead.finishedAt());
        if (!left.isZero()) {
            String message = "back-off " + backOff.delay(key).toSeconds() + "s restarting failed container="
                    + container.getName() + " pod=" + pod.getMetadata().getName() + "_" + pod.getMetadata().getNamespace()
                    + "(" + pod.getMetadata().getUid() + ")";
            waiting.put(container.getName(), new Waiting("CrashLoopBackOff", message));
            retries.add(left);
            return false;
        }
        backOff.next(key);
        return start(pod, container, init, dead.attempt() + 1, sandbox, podIp, waiting, retries);
    }

    /** Creates and starts a container (image, volumes, config first); returns whether the runtime changed. */
    private boolean start(Pod pod, Container container, boolean init, int attempt, Sandbox sandbox, String podIp,
                          Map<String, Waiting> waiting, List<Duration> retries) {
        Optional<Waiting> image = images.ensure(pod, container);
        if (image.isPresent()) {
            waiting.put(container.getName(), image.get());
            Duration retry = images.retryIn(pod, container.getImage());
            retries.add(retry.isZero() ? Duration.ofSeconds(1) : retry);
            return false;
        }
        ContainerConfig config;
        try {
            Map<String, Path> paths = volumes.prepare(pod);
            config = configs.create(pod, container, init, attempt, paths, podIp, node.address());
        } catch (ContainerConfigException e) {
            waiting.put(container.getName(), new Waiting("CreateContainerConfigError", e.getMessage()));
            events.record(pod, fieldPath(container), "Warning", "Failed", "Error: " + e.getMessage());
            retries.add(Duration.ofSeconds(5));
            return false;
        }
        String id;
        try {
            id = runtime.createContainer(sandbox.id(), config);
        } catch (RuntimeException e) {
            waiting.put(container.getName(), new Waiting("CreateContainerError", e.getMessage()));
            events.record(pod, fieldPath(container), "Warning", "Failed", "Error: " + e.getMessage());
            retries.add(Duration.ofSeconds(5));
            return false;
        }
        events.record(pod, fieldPath(container), "Normal", "Created", "Created container " + container.getName());
        try {
            runtime.startContainer(id);
        } catch (RuntimeException e) {
            waiting.put(container.getName(), new Waiting("RunContainerError", e.getMessage()));
            events.record(pod, fieldPath(container), "Warning", "Failed", "Error: " + e.getMessage());
            retries.add(Duration.ofSeconds(5));
            return true;
        }
        events.record(pod, fieldPath(container), "Normal", "Started", "Started container " + container.getName());
        LOG.debugf("pod %s: container %s started (%s)", describe(pod), container.getName(), id);
        return true;
    }

    /** Stops every running container (in parallel, each with the grace period) and the sandboxes, then removes them all. */
    private void terminate(PodContainers actual, Duration grace, Pod pod) {
        stopRunning(actual, grace, pod);
        for (dev.skiff.runtime.Container container : actual.containers()) {
            runtime.removeContainer(container.id());
        }
        for (Sandbox sandbox : actual.sandboxes()) {
            runtime.removePodSandbox(sandbox.id());
        }
    }

    private void stopRunning(PodContainers actual, Duration grace, Pod pod) {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (dev.skiff.runtime.Container container : actual.containers()) {
            if (container.state() == ContainerState.RUNNING) {
                if (pod != null) {
                    events.record(pod, "spec.containers{" + container.name() + "}", "Normal", "Killing",
                            "Stopping container " + container.name());
                }
                stops.add(CompletableFuture.runAsync(() -> runtime.stopContainer(container.id(), grace)));
            }
        }
        CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
        for (Sandbox sandbox : actual.sandboxes()) {
            if (sandbox.state() == Sandbox.SandboxState.READY) {
                runtime.stopPodSandbox(sandbox.id());
            }
        }
    }

    /** Keeps the newest two instances of each container (the current one and the previous, for logs --previous). */
    private void removeOldInstances(PodContainers actual) {
        Map<String, Integer> seen = new HashMap<>();
        for (dev.skiff.runtime.Container container : actual.containers()) {
            int count = seen.merge(container.name(), 1, Integer::sum);
            if (count > 2 && container.state() != ContainerState.RUNNING) {
                runtime.removeContainer(container.id());
            }
        }
        for (Sandbox sandbox : actual.sandboxes().subList(Math.min(1, actual.sandboxes().size()), actual.sandboxes().size())) {
            boolean used = actual.containers().stream().anyMatch(c -> c.sandboxId().equals(sandbox.id()));
            if (!used) {
                runtime.removePodSandbox(sandbox.id());
            }
        }
    }

    private void deletePodObject(Pod pod) {
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .withGracePeriod(0).delete();
            LOG.infof("pod %s stopped and deleted", describe(pod));
        } catch (RuntimeException e) {
            LOG.warnf(e, "pod %s: could not delete it after stopping its containers", describe(pod));
        }
    }

    private void forget(String podUid) {
        backOff.forgetPod(podUid);
        writer.forget(podUid);
        volumes.remove(podUid);
    }

    private SandboxConfig sandboxConfig(Pod pod, int attempt) {
        List<PortMapping> ports = new ArrayList<>();
        for (Container container : pod.getSpec().getContainers()) {
            for (ContainerPort port : container.getPorts()) {
                if (port.getHostPort() != null && port.getHostPort() > 0) {
                    ports.add(new PortMapping(port.getProtocol() == null ? "TCP" : port.getProtocol(), port.getContainerPort(),
                            port.getHostPort(), port.getHostIP() == null ? "" : port.getHostIP()));
                }
            }
        }
        String hostname = pod.getSpec().getHostname() != null ? pod.getSpec().getHostname() : pod.getMetadata().getName();
        return new SandboxConfig(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), pod.getMetadata().getUid(),
                attempt, hostname, Boolean.TRUE.equals(pod.getSpec().getHostNetwork()), ports, node.labels().forPod(pod));
    }

    /** The pod's sandboxes and containers as the runtime has them now. */
    private PodContainers read(String podUid) {
        return runtime.listPodContainers(node.labels().ofPod(podUid));
    }

    private String podIp(Pod pod, Sandbox sandbox) {
        return Boolean.TRUE.equals(pod.getSpec().getHostNetwork()) || sandbox.ip() == null || sandbox.ip().isEmpty()
                ? node.address() : sandbox.ip();
    }

    private static int nextAttempt(PodContainers actual, String name) {
        return actual.latest(name).map(c -> c.attempt() + 1).orElse(0);
    }

    private static Duration gracePeriod(Pod pod) {
        Long seconds = pod.getMetadata().getDeletionGracePeriodSeconds();
        if (seconds == null) {
            seconds = pod.getSpec().getTerminationGracePeriodSeconds();
        }
        return Duration.ofSeconds(seconds == null ? DEFAULT_GRACE_SECONDS : seconds);
    }

    private static String fieldPath(Container container) {
        return "spec.containers{" + container.getName() + "}";
    }

    private static String describe(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }
}
