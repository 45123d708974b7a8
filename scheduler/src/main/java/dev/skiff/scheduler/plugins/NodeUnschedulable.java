package dev.skiff.scheduler.plugins;

import dev.skiff.api.scheduling.Tolerations;
import dev.skiff.scheduler.framework.ClusterEvent;
import dev.skiff.scheduler.framework.CycleState;
import dev.skiff.scheduler.framework.EnqueueExtensions;
import dev.skiff.scheduler.framework.FilterPlugin;
import dev.skiff.scheduler.framework.NodeInfo;
import dev.skiff.scheduler.framework.PodInfo;
import dev.skiff.scheduler.framework.Status;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;

import java.util.Set;

/**
 * Keeps pods off nodes marked {@code spec.unschedulable} (cordoned), unless the pod tolerates the
 * {@code node.kubernetes.io/unschedulable:NoSchedule} taint, as DaemonSet pods do.
 */
public final class NodeUnschedulable implements FilterPlugin, EnqueueExtensions {

    public static final String NAME = "NodeUnschedulable";
    static final String REASON = "node(s) were unschedulable";
    private static final Taint UNSCHEDULABLE = new TaintBuilder()
            .withKey("node.kubernetes.io/unschedulable").withEffect(Tolerations.NO_SCHEDULE).build();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        if (!node.isUnschedulable() || Tolerations.tolerated(pod.tolerations(), UNSCHEDULABLE)) {
            return Status.success();
        }
        return Status.unresolvable(REASON);
    }

    @Override
    public Set<ClusterEvent> eventsToRegister() {
        return Set.of(ClusterEvent.node(ClusterEvent.ADD | ClusterEvent.UPDATE_UNSCHEDULABLE | ClusterEvent.UPDATE_TAINT));
    }
}
