package dev.skiff.kubelet.stats;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The kubelet's Summary API document ({@code GET /stats/summary}, Kubernetes' stats/v1alpha1
 * {@code Summary}), the part Skiff fills: CPU and memory of the node, of each pod with a sampled
 * container, and of those containers. A pod's figures are the sums of its containers', its time the
 * latest of theirs; its {@code usageNanoCores} only once every one of them has one. Times are
 * RFC 3339 in whole seconds, as Kubernetes writes them.
 */
public record Summary(NodeStats node, List<PodStats> pods) {

    private static final Comparator<PodReference> POD_ORDER = Comparator.comparing(PodReference::namespace)
            .thenComparing(PodReference::name).thenComparing(PodReference::uid);

    /** {@code cpu} and {@code memory} left out while the node could not be read. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NodeStats(String nodeName, CpuStats cpu, MemoryStats memory) {
    }

    public record PodStats(PodReference podRef, CpuStats cpu, MemoryStats memory, List<ContainerStats> containers) {
    }

    public record PodReference(String name, String namespace, String uid) {
    }

    public record ContainerStats(String name, CpuStats cpu, MemoryStats memory) {
    }

    /** {@code usageNanoCores} left out until there are two samples. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CpuStats(String time, Long usageNanoCores, long usageCoreNanoSeconds) {
    }

    public record MemoryStats(String time, long workingSetBytes) {
    }

    /** The document for the node's samples ({@code node} null when it has none) and its containers'. */
    static Summary of(String nodeName, UsageWindow node, Collection<ContainerUsage> containers) {
        Map<PodReference, List<ContainerUsage>> byPod = containers.stream()
                .collect(Collectors.groupingBy(ContainerUsage::pod, () -> new TreeMap<>(POD_ORDER), Collectors.toList()));
        List<PodStats> pods = byPod.entrySet().stream().map(pod -> pod(pod.getKey(), pod.getValue())).toList();
        return new Summary(new NodeStats(nodeName, node == null ? null : cpu(node), node == null ? null : memory(node)), pods);
    }

    private static PodStats pod(PodReference ref, List<ContainerUsage> containers) {
        Instant time = containers.stream().map(container -> container.usage().latest().time()).max(Comparator.naturalOrder()).orElseThrow();
        long cpuTime = containers.stream().mapToLong(container -> container.usage().latest().cpuCoreNanoSeconds()).sum();
        long workingSet = containers.stream().mapToLong(container -> container.usage().latest().workingSetBytes()).sum();
        Long nanoCores = containers.stream().allMatch(container -> container.usage().usageNanoCores().isPresent())
                ? containers.stream().mapToLong(container -> container.usage().usageNanoCores().getAsLong()).sum()
                : null;
        List<ContainerStats> stats = containers.stream()
                .sorted(Comparator.comparing(ContainerUsage::name))
                .map(container -> new ContainerStats(container.name(), cpu(container.usage()), memory(container.usage())))
                .toList();
        return new PodStats(ref, new CpuStats(time(time), nanoCores, cpuTime), new MemoryStats(time(time), workingSet), stats);
    }

    private static CpuStats cpu(UsageWindow usage) {
        Long nanoCores = usage.usageNanoCores().isPresent() ? usage.usageNanoCores().getAsLong() : null;
        return new CpuStats(time(usage.latest().time()), nanoCores, usage.latest().cpuCoreNanoSeconds());
    }

    private static MemoryStats memory(UsageWindow usage) {
        return new MemoryStats(time(usage.latest().time()), usage.latest().workingSetBytes());
    }

    private static String time(Instant time) {
        return time.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
