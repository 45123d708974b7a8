package dev.skiff.scheduler.plugins;

import dev.skiff.scheduler.framework.ClusterEvent;
import dev.skiff.scheduler.framework.CycleState;
import dev.skiff.scheduler.framework.EnqueueExtensions;
import dev.skiff.scheduler.framework.FilterPlugin;
import dev.skiff.scheduler.framework.NodeInfo;
import dev.skiff.scheduler.framework.PodInfo;
import dev.skiff.scheduler.framework.PreFilterPlugin;
import dev.skiff.scheduler.framework.Status;

import java.util.Set;

/** A pod that names its node ({@code spec.nodeName}) fits only that node. */
public final class NodeName implements PreFilterPlugin, FilterPlugin, EnqueueExtensions {

    public static final String NAME = "NodeName";
    static final String REASON = "node(s) didn't match the requested node name";

    @Override
    public String name() {
        return NAME;
    }

    /** A pod that names no node, as every pod the scheduler queues, skips the filter. */
    @Override
    public Status preFilter(CycleState state, PodInfo pod) {
        return pod.nodeName() == null ? Status.skip() : Status.success();
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        String wanted = pod.nodeName();
        return wanted == null || wanted.equals(node.name()) ? Status.success() : Status.unresolvable(REASON);
    }

    @Override
    public Set<ClusterEvent> eventsToRegister() {
        return Set.of(ClusterEvent.node(ClusterEvent.ADD));
    }
}
