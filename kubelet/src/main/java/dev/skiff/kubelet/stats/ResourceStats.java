package dev.skiff.kubelet.stats;

import dev.skiff.kubelet.node.MachineInfo;
import dev.skiff.kubelet.pod.PodLabels;
import dev.skiff.runtime.Container;
import dev.skiff.runtime.ContainerRuntime;
import dev.skiff.runtime.ContainerStats;
import dev.skiff.runtime.ContainerSummary;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Samples, every interval on a thread of its own, what the node and its running containers use:
 * the node's CPU time and memory from /proc ({@link MachineInfo}), each container's from the
 * runtime's stats, the containers found by one listing of this kubelet's, whose labels name their
 * pod and container. Keeps the two latest samples of each for the CPU rate, forgets a container
 * once it stopped or went, and publishes a {@link Summary} after each round, which readers (the
 * HTTP endpoint, on the event loop) take without waiting.
 */
public final class ResourceStats implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ResourceStats.class);

    private final ContainerRuntime runtime;
    private final PodLabels labels;
    private final Clock clock;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kubelet-stats");
        thread.setDaemon(true);
        return thread;
    });
    /** By container id; only the sampling thread touches it. */
    private final Map<String, ContainerUsage> containers = new HashMap<>();
    private UsageWindow node;
    private volatile Summary summary;

    public ResourceStats(ContainerRuntime runtime, PodLabels labels, Clock clock) {
        this.runtime = runtime;
        this.labels = labels;
        this.clock = clock;
        this.summary = Summary.of(labels.node(), null, List.of());
    }

    /** Samples now and then every {@code interval}. */
    public void start(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the stats interval must be positive, not " + interval);
        }
        executor.scheduleWithFixedDelay(() -> {
            try {
                sample();
            } catch (RuntimeException e) {
                LOG.warnf("sampling the resource usage of node %s failed: %s", labels.node(), e.getMessage());
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The latest round's figures; before the first, the node's name alone. */
    public Summary summary() {
        return summary;
    }

    private void sample() {
        sampleNode();
        sampleContainers();
        summary = Summary.of(labels.node(), node, containers.values());
    }

    private void sampleNode() {
        Optional<Long> cpu = MachineInfo.cpuTimeNanos();
        Optional<Long> memory = MachineInfo.memoryWorkingSetBytes();
        if (cpu.isEmpty() || memory.isEmpty()) {
            LOG.warnf("cannot read the CPU and memory use of node %s from /proc/stat and /proc/meminfo", labels.node());
            return;
        }
        UsageSample sample = new UsageSample(cpu.get(), memory.get(), clock.instant());
        node = node == null ? UsageWindow.of(sample) : node.next(sample);
    }

    /** A listing that fails leaves the containers' last samples as they were; so does a container whose stats fail. */
    private void sampleContainers() {
        List<ContainerSummary> running;
        try {
            running = runtime.list(labels.ofNode()).containers().stream()
                    .filter(container -> container.state() == Container.ContainerState.RUNNING)
                    .toList();
        } catch (RuntimeException e) {
            LOG.warnf("listing the containers of node %s for their stats failed: %s", labels.node(), e.getMessage());
            return;
        }
        Set<String> ids = running.stream().map(ContainerSummary::id).collect(Collectors.toSet());
        containers.keySet().retainAll(ids);
        for (ContainerSummary container : running) {
            Optional<ContainerStats> stats;
            try {
                stats = runtime.stats(container.id());
            } catch (RuntimeException e) {
                LOG.warnf("reading the stats of container %s (%s) failed: %s", container.id(), describe(container), e.getMessage());
                continue;
            }
            if (stats.isEmpty()) {
                containers.remove(container.id());
                continue;
            }
            UsageSample sample = UsageSample.of(stats.get());
            containers.compute(container.id(), (id, known) -> known != null ? known.next(sample)
                    : new ContainerUsage(pod(container), container.labels().get(PodLabels.CONTAINER_NAME), UsageWindow.of(sample)));
        }
    }

    private static Summary.PodReference pod(ContainerSummary container) {
        Map<String, String> labels = container.labels();
        return new Summary.PodReference(labels.get(PodLabels.NAME), labels.get(PodLabels.NAMESPACE), labels.get(PodLabels.UID));
    }

    private static String describe(ContainerSummary container) {
        Map<String, String> labels = container.labels();
        return "container " + labels.get(PodLabels.CONTAINER_NAME) + " of pod " + labels.get(PodLabels.NAMESPACE) + "/" + labels.get(PodLabels.NAME);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
