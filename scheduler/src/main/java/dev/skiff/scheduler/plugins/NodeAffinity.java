package dev.skiff.scheduler.plugins;

import dev.skiff.api.scheduling.NodeSelection;
import dev.skiff.scheduler.framework.ClusterEvent;
import dev.skiff.scheduler.framework.CycleState;
import dev.skiff.scheduler.framework.EnqueueExtensions;
import dev.skiff.scheduler.framework.FilterPlugin;
import dev.skiff.scheduler.framework.NodeInfo;
import dev.skiff.scheduler.framework.NormalizeScorePlugin;
import dev.skiff.scheduler.framework.PodInfo;
import dev.skiff.scheduler.framework.PreFilterPlugin;
import dev.skiff.scheduler.framework.PreScorePlugin;
import dev.skiff.scheduler.framework.Status;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;

import java.util.List;
import java.util.Set;

/**
 * {@code spec.nodeSelector} and node affinity: required terms filter nodes, preferred terms score
 * them by the sum of the weights of the terms a node matches, scaled so the best node gets 100.
 */
public final class NodeAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, NormalizeScorePlugin, EnqueueExtensions {

    public static final String NAME = "NodeAffinity";
    static final String REASON = "node(s) didn't match Pod's node affinity/selector";
    private static final String REQUIRED = NAME + "/required";
    private static final String PREFERRED = NAME + "/preferred";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status preFilter(CycleState state, PodInfo pod) {
        NodeSelection required = NodeSelection.of(pod.pod());
        if (required.isEmpty()) {
            return Status.skip();
        }
        state.write(REQUIRED, required);
        return Status.success();
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        return state.read(REQUIRED, NodeSelection.class).matches(node.labels(), node.name()) ? Status.success() : Status.unresolvable(REASON);
    }

    @Override
    public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasible) {
        List<PreferredSchedulingTerm> preferred = preferredTerms(pod.pod());
        if (preferred.isEmpty()) {
            return Status.skip();
        }
        state.write(PREFERRED, new Preferred(preferred));
        return Status.success();
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        long sum = 0;
        for (PreferredSchedulingTerm term : state.read(PREFERRED, Preferred.class).terms()) {
            int weight = term.getWeight() == null ? 0 : term.getWeight();
            if (weight != 0 && term.getPreference() != null && NodeSelection.termMatches(term.getPreference(), node.labels(), node.name())) {
                sum += weight;
            }
        }
        return sum;
    }

    @Override
    public void normalizeScore(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {
        NormalizeScorePlugin.defaultNormalize(scores, false);
    }

    @Override
    public Set<ClusterEvent> eventsToRegister() {
        return Set.of(ClusterEvent.node(ClusterEvent.ADD | ClusterEvent.UPDATE_LABEL));
    }

    private static List<PreferredSchedulingTerm> preferredTerms(Pod pod) {
        if (pod.getSpec() == null || pod.getSpec().getAffinity() == null || pod.getSpec().getAffinity().getNodeAffinity() == null) {
            return List.of();
        }
        List<PreferredSchedulingTerm> terms = pod.getSpec().getAffinity().getNodeAffinity().getPreferredDuringSchedulingIgnoredDuringExecution();
        return terms == null ? List.of() : terms;
    }

    private record Preferred(List<PreferredSchedulingTerm> terms) {
    }
}
