package dev.skiff.scheduler.plugins;

import dev.skiff.scheduler.framework.CycleState;
import dev.skiff.scheduler.framework.NodeInfo;
import dev.skiff.scheduler.framework.PodInfo;
import dev.skiff.scheduler.framework.PreScorePlugin;
import dev.skiff.scheduler.framework.Resources;
import dev.skiff.scheduler.framework.ScorePlugin;
import dev.skiff.scheduler.framework.Status;

import java.util.List;

/**
 * Favours nodes whose cpu and memory would be used in the same proportion with the pod on them:
 * score {@code (1 - |cpuFraction - memoryFraction| / 2) * 100}, fractions capped at 1, as
 * Kubernetes' balanced allocation (the standard deviation of the two fractions). Pods without cpu
 * or memory requests skip it.
 */
public final class NodeResourcesBalancedAllocation implements PreScorePlugin, ScorePlugin {

    public static final String NAME = "NodeResourcesBalancedAllocation";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasible) {
        Resources requests = pod.requests();
        return requests.milliCpu() == 0 && requests.memory() == 0 ? Status.skip() : Status.success();
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        long cpuAllocatable = node.allocatable().milliCpu();
        long memoryAllocatable = node.allocatable().memory();
        if (cpuAllocatable == 0 || memoryAllocatable == 0) {
            // one fraction or none: Kubernetes' deviation is 0
            return MAX_SCORE;
        }
        double cpu = fraction(node.requested().milliCpu() + pod.requests().milliCpu(), cpuAllocatable);
        double memory = fraction(node.requested().memory() + pod.requests().memory(), memoryAllocatable);
        double deviation = Math.abs(cpu - memory) / 2;
        return (long) ((1 - deviation) * MAX_SCORE);
    }

    private static double fraction(long requested, long allocatable) {
        return Math.min(1.0, (double) requested / allocatable);
    }
}
