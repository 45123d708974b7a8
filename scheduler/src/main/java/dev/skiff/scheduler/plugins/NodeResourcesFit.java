package dev.skiff.scheduler.plugins;

import dev.skiff.scheduler.framework.ClusterEvent;
import dev.skiff.scheduler.framework.CycleState;
import dev.skiff.scheduler.framework.EnqueueExtensions;
import dev.skiff.scheduler.framework.FilterPlugin;
import dev.skiff.scheduler.framework.NodeInfo;
import dev.skiff.scheduler.framework.PodInfo;
import dev.skiff.scheduler.framework.Resources;
import dev.skiff.scheduler.framework.ScorePlugin;
import dev.skiff.scheduler.framework.Status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Requests against allocatable: a node fits if the pod's requests (cpu, memory, ephemeral storage,
 * extended resources) fit in what its pods leave of its allocatable amounts, and it has room for
 * one more pod. Nodes are scored on cpu and memory (equal weights) by the scoring strategy:
 * {@link Strategy#LEAST_ALLOCATED} (Kubernetes' default: spread) or {@link Strategy#MOST_ALLOCATED}
 * (bin packing).
 */
public final class NodeResourcesFit implements FilterPlugin, ScorePlugin, EnqueueExtensions {

    public static final String NAME = "NodeResourcesFit";
    static final String TOO_MANY_PODS = "Too many pods";

    /** How a node's share of requested cpu and memory turns into a score. */
    public enum Strategy {
        /** (allocatable - requested) / allocatable: the emptiest node scores highest. */
        LEAST_ALLOCATED,
        /** requested / allocatable: the fullest node that still fits scores highest. */
        MOST_ALLOCATED
    }

    private final Strategy strategy;

    public NodeResourcesFit(Strategy strategy) {
        this.strategy = strategy;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        List<String> reasons = null;
        if (node.podCount() + 1 > node.allowedPods()) {
            reasons = add(null, TOO_MANY_PODS);
        }
        Resources wanted = pod.requests();
        if (wanted.isZero()) {
            return reasons == null ? Status.success() : Status.unschedulable(reasons);
        }
        Resources allocatable = node.allocatable();
        Resources requested = node.requested();
        if (wanted.milliCpu() > 0 && wanted.milliCpu() > allocatable.milliCpu() - requested.milliCpu()) {
            reasons = add(reasons, insufficient(Resources.CPU));
        }
        if (wanted.memory() > 0 && wanted.memory() > allocatable.memory() - requested.memory()) {
            reasons = add(reasons, insufficient(Resources.MEMORY));
        }
        if (wanted.ephemeralStorage() > 0 && wanted.ephemeralStorage() > allocatable.ephemeralStorage() - requested.ephemeralStorage()) {
            reasons = add(reasons, insufficient(Resources.EPHEMERAL_STORAGE));
        }
        for (Map.Entry<String, Long> scalar : wanted.scalars().entrySet()) {
            String name = scalar.getKey();
            if (scalar.getValue() > allocatable.scalar(name) - requested.scalar(name)) {
                reasons = add(reasons, insufficient(name));
            }
        }
        return reasons == null ? Status.success() : Status.unschedulable(reasons);
    }

    /** Kubernetes' reason: {@code Insufficient cpu}. */
    static String insufficient(String resource) {
        return "Insufficient " + resource;
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        long cpuAllocatable = node.allocatable().milliCpu();
        long memoryAllocatable = node.allocatable().memory();
        long sum = 0;
        long weights = 0;
        if (cpuAllocatable > 0) {
            sum += resourceScore(node.nonZeroMilliCpu() + pod.nonZeroRequests().milliCpu(), cpuAllocatable);
            weights++;
        }
        if (memoryAllocatable > 0) {
            sum += resourceScore(node.nonZeroMemory() + pod.nonZeroRequests().memory(), memoryAllocatable);
            weights++;
        }
        return weights == 0 ? 0 : sum / weights;
    }

    private long resourceScore(long requested, long allocatable) {
        if (strategy == Strategy.LEAST_ALLOCATED) {
            return requested > allocatable ? 0 : (allocatable - requested) * MAX_SCORE / allocatable;
        }
        return Math.min(requested, allocatable) * MAX_SCORE / allocatable;
    }

    @Override
    public Set<ClusterEvent> eventsToRegister() {
        return Set.of(ClusterEvent.assignedPod(ClusterEvent.DELETE),
                ClusterEvent.node(ClusterEvent.ADD | ClusterEvent.UPDATE_ALLOCATABLE));
    }

    private static List<String> add(List<String> reasons, String reason) {
        List<String> list = reasons == null ? new ArrayList<>(2) : reasons;
        list.add(reason);
        return list;
    }
}
