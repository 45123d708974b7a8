package dev.skiff.scheduler.plugins;

import dev.skiff.api.scheduling.NodeSelection;
import dev.skiff.api.scheduling.Tolerations;
import dev.skiff.api.selector.LabelSelector;
import dev.skiff.api.selector.SelectorException;
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
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Spreads matching pods evenly over topology domains (nodes, zones, …), as Kubernetes'
 * PodTopologySpread. A domain's count is the number of pods in the pod's namespace that match a
 * constraint's selector on the domain's nodes; its skew is that count (with the pod) minus the
 * smallest count of any domain.
 * <ul>
 *   <li>{@code whenUnsatisfiable: DoNotSchedule} constraints filter: a node whose domain would
 *       exceed {@code maxSkew} is rejected, one without the topology label too.</li>
 *   <li>{@code ScheduleAnyway} constraints score: fewer matching pods in the node's domains is
 *       better, each constraint weighed by the log of its number of domains.</li>
 *   <li>A pod without constraints of its own that has a controller (a ReplicaSet, …) gets the
 *       system defaults, as Kubernetes: {@code kubernetes.io/hostname} with maxSkew 3 and
 *       {@code topology.kubernetes.io/zone} with maxSkew 5, both ScheduleAnyway. Where Kubernetes
 *       selects the pods of the services and controllers that select this pod, these select the
 *       pods of the same controller (same owner uid).</li>
 *   <li>{@code minDomains}, {@code matchLabelKeys}, {@code nodeAffinityPolicy} (default Honor: only
 *       nodes the pod's node selector and required affinity accept count) and
 *       {@code nodeTaintsPolicy} (default Ignore) as in Kubernetes.</li>
 * </ul>
 */
public final class PodTopologySpread implements PreFilterPlugin, FilterPlugin, PreScorePlugin, NormalizeScorePlugin, EnqueueExtensions {

    public static final String NAME = "PodTopologySpread";
    public static final String HOSTNAME = "kubernetes.io/hostname";
    public static final String ZONE = "topology.kubernetes.io/zone";
    static final String REASON_SKEW = "node(s) didn't match pod topology spread constraints";
    static final String REASON_MISSING_LABEL = "node(s) didn't match pod topology spread constraints (missing required label)";
    private static final String FILTER_STATE = NAME + "/filter";
    private static final String SCORE_STATE = NAME + "/score";
    private static final String DO_NOT_SCHEDULE = "DoNotSchedule";
    private static final String HONOR = "Honor";

    private final boolean systemDefaults;

    /** @param systemDefaults whether pods without constraints of their own get Kubernetes' default ones */
    public PodTopologySpread(boolean systemDefaults) {
        this.systemDefaults = systemDefaults;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** One constraint, resolved: its selector already holds the pod's namespace and matchLabelKeys. */
    record Constraint(String topologyKey, int maxSkew, int minDomains, Predicate<PodInfo> selector,
                      boolean honorNodeAffinity, boolean honorTaints) {

        boolean includes(NodeInfo node, NodeSelection affinity, PodInfo pod) {
            if (honorNodeAffinity && !affinity.matches(node.labels(), node.name())) {
                return false;
            }
            if (honorTaints) {
                for (Taint taint : node.taints()) {
                    boolean hard = Tolerations.NO_SCHEDULE.equals(taint.getEffect()) || Tolerations.NO_EXECUTE.equals(taint.getEffect());
                    if (hard && !Tolerations.tolerated(pod.tolerations(), taint)) {
                        return false;
                    }
                }
            }
            return true;
        }

        /** The pods on the node this constraint counts: same namespace (built into the selector), not terminating. */
        int countOn(NodeInfo node) {
            int count = 0;
            for (PodInfo other : node.pods()) {
                if (!other.isTerminating() && selector.test(other)) {
                    count++;
                }
            }
            return count;
        }
    }

    // ---------------------------------------------------------------- Filter

    private record FilterState(List<Constraint> constraints, List<Map<String, Integer>> counts, int[] minMatch) {
    }

    @Override
    public Status preFilter(CycleState state, PodInfo pod) {
        List<Constraint> constraints = constraints(pod, true);
        if (constraints.isEmpty()) {
            return Status.skip();
        }
        NodeSelection affinity = NodeSelection.of(pod.pod());
        List<Map<String, Integer>> counts = new ArrayList<>();
        for (int i = 0; i < constraints.size(); i++) {
            counts.add(new HashMap<>());
        }
        for (NodeInfo node : state.snapshot().nodes()) {
            if (!hasAllKeys(node, constraints)) {
                continue;
            }
            for (int i = 0; i < constraints.size(); i++) {
                Constraint constraint = constraints.get(i);
                if (constraint.includes(node, affinity, pod)) {
                    counts.get(i).merge(node.labels().get(constraint.topologyKey()), constraint.countOn(node), Integer::sum);
                }
            }
        }
        int[] minMatch = new int[constraints.size()];
        for (int i = 0; i < constraints.size(); i++) {
            Map<String, Integer> domains = counts.get(i);
            if (domains.isEmpty()) {
                // no domain to compare with: Kubernetes' minimum stays at its initial MaxInt32
                minMatch[i] = Integer.MAX_VALUE;
            } else if (domains.size() < constraints.get(i).minDomains()) {
                minMatch[i] = 0;
            } else {
                minMatch[i] = domains.values().stream().mapToInt(Integer::intValue).min().orElseThrow();
            }
        }
        state.write(FILTER_STATE, new FilterState(constraints, counts, minMatch));
        return Status.success();
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        FilterState filterState = state.read(FILTER_STATE, FilterState.class);
        List<Constraint> constraints = filterState.constraints();
        for (int i = 0; i < constraints.size(); i++) {
            Constraint constraint = constraints.get(i);
            String domain = node.labels().get(constraint.topologyKey());
            if (domain == null) {
                return Status.unresolvable(REASON_MISSING_LABEL);
            }
            long selfMatch = constraint.selector().test(pod) ? 1 : 0;
            long skew = filterState.counts().get(i).getOrDefault(domain, 0) + selfMatch - (long) filterState.minMatch()[i];
            if (skew > constraint.maxSkew()) {
                return Status.unschedulable(REASON_SKEW);
            }
        }
        return Status.success();
    }

    // ---------------------------------------------------------------- Score

    private record ScoreState(List<Constraint> constraints, List<Map<String, Integer>> counts, double[] weights,
                              Set<String> ignoredNodes) {
    }

    @Override
    public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasible) {
        List<Constraint> constraints = constraints(pod, false);
        if (constraints.isEmpty()) {
            return Status.skip();
        }
        boolean requireAllKeys = !isSystemDefaulted(pod);
        Set<String> ignored = new HashSet<>();
        List<Map<String, Integer>> counts = new ArrayList<>();
        for (int i = 0; i < constraints.size(); i++) {
            counts.add(new HashMap<>());
        }
        for (NodeInfo node : feasible) {
            if (requireAllKeys && !hasAllKeys(node, constraints)) {
                ignored.add(node.name());
                continue;
            }
            for (int i = 0; i < constraints.size(); i++) {
                String key = constraints.get(i).topologyKey();
                String domain = node.labels().get(key);
                if (!key.equals(HOSTNAME) && domain != null) {
                    counts.get(i).putIfAbsent(domain, 0);
                }
            }
        }
        double[] weights = new double[constraints.size()];
        for (int i = 0; i < constraints.size(); i++) {
            int domains = constraints.get(i).topologyKey().equals(HOSTNAME)
                    ? feasible.size() - ignored.size() : counts.get(i).size();
            weights[i] = Math.log(domains + 2);
        }
        NodeSelection affinity = NodeSelection.of(pod.pod());
        for (NodeInfo node : state.snapshot().nodes()) {
            if (requireAllKeys && !hasAllKeys(node, constraints)) {
                continue;
            }
            for (int i = 0; i < constraints.size(); i++) {
                Constraint constraint = constraints.get(i);
                String domain = node.labels().get(constraint.topologyKey());
                Map<String, Integer> domainCounts = counts.get(i);
                if (domain != null && domainCounts.containsKey(domain) && constraint.includes(node, affinity, pod)) {
                    domainCounts.merge(domain, constraint.countOn(node), Integer::sum);
                }
            }
        }
        state.write(SCORE_STATE, new ScoreState(constraints, counts, weights, ignored));
        return Status.success();
    }

    /** The matching pods in the node's domains, weighed: higher is worse (normalization turns it around). */
    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        ScoreState scoreState = state.read(SCORE_STATE, ScoreState.class);
        if (scoreState.ignoredNodes().contains(node.name())) {
            return 0;
        }
        double score = 0;
        List<Constraint> constraints = scoreState.constraints();
        for (int i = 0; i < constraints.size(); i++) {
            Constraint constraint = constraints.get(i);
            String domain = node.labels().get(constraint.topologyKey());
            if (domain == null) {
                continue;
            }
            long count = constraint.topologyKey().equals(HOSTNAME)
                    ? constraint.countOn(node) : scoreState.counts().get(i).getOrDefault(domain, 0);
            score += count * scoreState.weights()[i] + (constraint.maxSkew() - 1);
        }
        return Math.round(score);
    }

    /** Kubernetes': {@code 100 * (max + min - score) / max}; ignored nodes (missing a topology label) get 0. */
    @Override
    public void normalizeScore(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {
        Set<String> ignored = state.read(SCORE_STATE, ScoreState.class).ignoredNodes();
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < scores.length; i++) {
            if (!ignored.contains(nodes.get(i).name())) {
                min = Math.min(min, scores[i]);
                max = Math.max(max, scores[i]);
            }
        }
        for (int i = 0; i < scores.length; i++) {
            if (ignored.contains(nodes.get(i).name())) {
                scores[i] = 0;
            } else if (max == 0) {
                scores[i] = MAX_SCORE;
            } else {
                scores[i] = MAX_SCORE * (max + min - scores[i]) / max;
            }
        }
    }

    @Override
    public Set<ClusterEvent> eventsToRegister() {
        return Set.of(ClusterEvent.assignedPod(ClusterEvent.ADD | ClusterEvent.DELETE | ClusterEvent.UPDATE_LABEL),
                ClusterEvent.node(ClusterEvent.ADD | ClusterEvent.DELETE | ClusterEvent.UPDATE_LABEL | ClusterEvent.UPDATE_TAINT));
    }

    // ---------------------------------------------------------------- constraints

    private boolean isSystemDefaulted(PodInfo pod) {
        List<TopologySpreadConstraint> own = pod.pod().getSpec() == null ? null : pod.pod().getSpec().getTopologySpreadConstraints();
        return own == null || own.isEmpty();
    }

    /** The pod's hard (DoNotSchedule) or soft (ScheduleAnyway) constraints, or the system defaults. */
    List<Constraint> constraints(PodInfo pod, boolean hard) {
        List<Constraint> result = new ArrayList<>();
        if (!isSystemDefaulted(pod)) {
            for (TopologySpreadConstraint spec : pod.pod().getSpec().getTopologySpreadConstraints()) {
                if (DO_NOT_SCHEDULE.equals(spec.getWhenUnsatisfiable()) == hard) {
                    result.add(resolve(spec, pod));
                }
            }
            return result;
        }
        if (!hard && systemDefaults && pod.controllerUid() != null) {
            String namespace = pod.namespace();
            String owner = pod.controllerUid();
            Predicate<PodInfo> sameController = other -> namespace.equals(other.namespace()) && owner.equals(other.controllerUid());
            result.add(new Constraint(HOSTNAME, 3, 1, sameController, true, false));
            result.add(new Constraint(ZONE, 5, 1, sameController, true, false));
        }
        return result;
    }

    private static Constraint resolve(TopologySpreadConstraint spec, PodInfo pod) {
        Predicate<PodInfo> selector = other -> false;
        if (spec.getLabelSelector() != null) {
            LabelSelectorBuilder builder = new LabelSelectorBuilder(spec.getLabelSelector());
            if (spec.getMatchLabelKeys() != null) {
                for (String key : spec.getMatchLabelKeys()) {
                    String value = pod.labels().get(key);
                    if (value != null) {
                        builder.addToMatchLabels(key, value);
                    }
                }
            }
            String namespace = pod.namespace();
            try {
                LabelSelector labels = LabelSelector.from(builder.build());
                selector = other -> namespace.equals(other.namespace()) && labels.matches(other.labels());
            } catch (SelectorException e) {
                // the api-server validates selectors; one it let through that cannot be read selects nothing
                selector = other -> false;
            }
        }
        int minDomains = spec.getMinDomains() == null ? 1 : spec.getMinDomains();
        int maxSkew = spec.getMaxSkew() == null ? 1 : spec.getMaxSkew();
        boolean honorAffinity = spec.getNodeAffinityPolicy() == null || HONOR.equals(spec.getNodeAffinityPolicy());
        boolean honorTaints = HONOR.equals(spec.getNodeTaintsPolicy());
        return new Constraint(spec.getTopologyKey(), maxSkew, minDomains, selector, honorAffinity, honorTaints);
    }

    private static boolean hasAllKeys(NodeInfo node, List<Constraint> constraints) {
        for (Constraint constraint : constraints) {
            if (!node.labels().containsKey(constraint.topologyKey())) {
                return false;
            }
        }
        return true;
    }
}
