package dev.skiff.scheduler.plugins;

import dev.skiff.api.scheduling.Tolerations;
import dev.skiff.scheduler.framework.ClusterEvent;
import dev.skiff.scheduler.framework.CycleState;
import dev.skiff.scheduler.framework.EnqueueExtensions;
import dev.skiff.scheduler.framework.FilterPlugin;
import dev.skiff.scheduler.framework.NodeInfo;
import dev.skiff.scheduler.framework.NormalizeScorePlugin;
import dev.skiff.scheduler.framework.PodInfo;
import dev.skiff.scheduler.framework.PreScorePlugin;
import dev.skiff.scheduler.framework.Status;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Taints and tolerations: a node with a {@code NoSchedule} or {@code NoExecute} taint the pod does
 * not tolerate is filtered out; among the others, nodes with fewer untolerated
 * {@code PreferNoSchedule} taints score higher.
 */
public final class TaintToleration implements FilterPlugin, PreScorePlugin, NormalizeScorePlugin, EnqueueExtensions {

    public static final String NAME = "TaintToleration";
    private static final String PREFER_TOLERATIONS = NAME + "/preferNoSchedule";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        for (Taint taint : node.taints()) {
            boolean hard = Tolerations.NO_SCHEDULE.equals(taint.getEffect()) || Tolerations.NO_EXECUTE.equals(taint.getEffect());
            if (hard && !Tolerations.tolerated(pod.tolerations(), taint)) {
                return Status.unresolvable(reason(taint));
            }
        }
        return Status.success();
    }

    /** Kubernetes' reason: {@code node(s) had untolerated taint {key: value}}. */
    static String reason(Taint taint) {
        return "node(s) had untolerated taint {" + taint.getKey() + ": " + (taint.getValue() == null ? "" : taint.getValue()) + "}";
    }

    @Override
    public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasible) {
        List<Toleration> prefer = new ArrayList<>();
        for (Toleration toleration : pod.tolerations()) {
            String effect = toleration.getEffect();
            if (effect == null || effect.isEmpty() || effect.equals(Tolerations.PREFER_NO_SCHEDULE)) {
                prefer.add(toleration);
            }
        }
        state.write(PREFER_TOLERATIONS, new PreferTolerations(prefer));
        return Status.success();
    }

    /** The number of {@code PreferNoSchedule} taints the pod does not tolerate (normalized: fewer is better). */
    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        List<Toleration> tolerations = state.read(PREFER_TOLERATIONS, PreferTolerations.class).tolerations();
        long count = 0;
        for (Taint taint : node.taints()) {
            if (Tolerations.PREFER_NO_SCHEDULE.equals(taint.getEffect()) && !Tolerations.tolerated(tolerations, taint)) {
                count++;
            }
        }
        return count;
    }

    @Override
    public void normalizeScore(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {
        NormalizeScorePlugin.defaultNormalize(scores, true);
    }

    @Override
    public Set<ClusterEvent> eventsToRegister() {
        return Set.of(ClusterEvent.node(ClusterEvent.ADD | ClusterEvent.UPDATE_TAINT));
    }

    private record PreferTolerations(List<Toleration> tolerations) {
    }
}
