package dev.skiff.kubelet.probe;

import dev.skiff.informer.EventRecorder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The probes of running containers: one periodic worker per container and probe, started after
 * initialDelaySeconds from the container's start, every periodSeconds; a result flips only after
 * successThreshold successes or failureThreshold failures in a row. Liveness and readiness wait
 * for the startup probe to succeed. A flip tells the pod's worker (the callback), which acts on it.
 */
public final class ProbeManager implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ProbeManager.class);

    private final Prober prober;
    private final ScheduledExecutorService executor;
    private final EventRecorder events;
    private final Consumer<String> onChange;
    private final Clock clock;
    private final Map<String, Worker> workers = new ConcurrentHashMap<>();

    /** @param onChange told the pod UID whose probe result flipped */
    public ProbeManager(Prober prober, ScheduledExecutorService executor, EventRecorder events, Consumer<String> onChange, Clock clock) {
        this.prober = prober;
        this.executor = executor;
        this.events = events;
        this.onChange = onChange;
        this.clock = clock;
    }

    /** Starts the probe workers of a running container that has none yet. */
    public void ensureStarted(Pod pod, Container container, String containerId, Instant startedAt, String podIp) {
        start(pod, container, containerId, startedAt, podIp, ProbeType.STARTUP, container.getStartupProbe());
        start(pod, container, containerId, startedAt, podIp, ProbeType.LIVENESS, container.getLivenessProbe());
        start(pod, container, containerId, startedAt, podIp, ProbeType.READINESS, container.getReadinessProbe());
    }

    private void start(Pod pod, Container container, String containerId, Instant startedAt, String podIp, ProbeType type, Probe probe) {
        if (probe == null) {
            return;
        }
        workers.computeIfAbsent(key(containerId, type), key -> {
            Worker worker = new Worker(pod, container, containerId, podIp, type, probe);
            long delayMillis = Math.max(0, Duration.between(clock.instant(),
                    startedAt.plusSeconds(value(probe.getInitialDelaySeconds(), 0))).toMillis());
            worker.future = executor.scheduleWithFixedDelay(worker::probe, delayMillis,
                    value(probe.getPeriodSeconds(), 10) * 1000L, TimeUnit.MILLISECONDS);
            return worker;
        });
    }

    /** The container's current result of that probe; the probe's initial result when it has not run, true when there is none. */
    public boolean result(String containerId, ProbeType type, boolean hasProbe) {
        if (!hasProbe) {
            return true;
        }
        Worker worker = workers.get(key(containerId, type));
        return worker == null ? type.initialResult() : worker.result;
    }

    /** Whether the container must be killed: its liveness probe failed, or its startup probe gave up. */
    public boolean mustRestart(String containerId) {
        Worker liveness = workers.get(key(containerId, ProbeType.LIVENESS));
        Worker startup = workers.get(key(containerId, ProbeType.STARTUP));
        return (liveness != null && !liveness.result) || (startup != null && startup.gaveUp);
    }

    /** Stops the workers of every container not in the set (gone, exited, replaced). */
    public void retain(Set<String> runningContainerIds) {
        workers.entrySet().removeIf(entry -> {
            if (runningContainerIds.contains(entry.getValue().containerId)) {
                return false;
            }
            entry.getValue().future.cancel(false);
            return true;
        });
    }

    @Override
    public void close() {
        workers.values().forEach(worker -> worker.future.cancel(true));
        workers.clear();
    }

    private static String key(String containerId, ProbeType type) {
        return containerId + "/" + type;
    }

    private static int value(Integer value, int otherwise) {
        return value == null ? otherwise : value;
    }

    private final class Worker {
        private final Pod pod;
        private final Container container;
        private final String containerId;
        private final String podIp;
        private final ProbeType type;
        private final Probe probe;
        private volatile boolean result;
        private volatile boolean gaveUp;
        private int successes;
        private int failures;
        private ScheduledFuture<?> future;

        Worker(Pod pod, Container container, String containerId, String podIp, ProbeType type, Probe probe) {
            this.pod = pod;
            this.container = container;
            this.containerId = containerId;
            this.podIp = podIp;
            this.type = type;
            this.probe = probe;
            this.result = type.initialResult();
        }

        void probe() {
            if (type != ProbeType.STARTUP && !startupSucceeded()) {
                return;
            }
            if (type == ProbeType.STARTUP && result) {
                return;
            }
            ProbeOutcome outcome;
            try {
                outcome = prober.run(probe, container, containerId, podIp);
            } catch (RuntimeException e) {
                outcome = ProbeOutcome.failed(e.getMessage());
            }
            boolean before = result;
            if (outcome.success()) {
                failures = 0;
                successes++;
                if (successes >= value(probe.getSuccessThreshold(), 1)) {
                    result = true;
                }
            } else {
                successes = 0;
                failures++;
                events.record(pod, "spec.containers{" + container.getName() + "}", "Warning", "Unhealthy",
                        type.label() + " probe failed: " + outcome.message());
                if (failures >= value(probe.getFailureThreshold(), 3)) {
                    result = false;
                    gaveUp = type == ProbeType.STARTUP;
                }
            }
            if (before != result || gaveUp) {
                LOG.infof("pod %s/%s container %s: %s probe %s", pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                        container.getName(), type.label().toLowerCase(java.util.Locale.ROOT), result ? "succeeded" : "failed: " + outcome.message());
                onChange.accept(pod.getMetadata().getUid());
            }
        }

        private boolean startupSucceeded() {
            Worker startup = workers.get(key(containerId, ProbeType.STARTUP));
            return startup == null || startup.result;
        }
    }
}
