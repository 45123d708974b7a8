package dev.skiff.scheduler.framework;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One scheduling profile: the plugins at each extension point, in order, and the weights of the
 * score plugins; it runs them as Kubernetes' framework runtime does. Stateless between cycles
 * (plugins keep their per-pod data in the {@link CycleState}).
 */
public final class Framework {

    private final List<PreFilterPlugin> preFilters = new ArrayList<>();
    private final List<FilterPlugin> filters = new ArrayList<>();
    private final List<PostFilterPlugin> postFilters = new ArrayList<>();
    private final List<PreScorePlugin> preScores = new ArrayList<>();
    private final List<ScorePlugin> scores = new ArrayList<>();
    private final int[] scoreWeights;
    private final List<ReservePlugin> reserves = new ArrayList<>();
    private final List<BindPlugin> binders = new ArrayList<>();
    private final Map<String, Set<ClusterEvent>> events = new LinkedHashMap<>();
    private final List<String> pluginNames = new ArrayList<>();

    /**
     * @param plugins the enabled plugins, in the order they run at each point
     * @param weights the weight of each score plugin by name; a score plugin without one weighs 1
     * @throws IllegalArgumentException if a weight is not positive, two plugins share a name, or no plugin binds
     */
    public Framework(List<? extends Plugin> plugins, Map<String, Integer> weights) {
        List<Integer> scoreWeightList = new ArrayList<>();
        for (Plugin plugin : plugins) {
            if (pluginNames.contains(plugin.name())) {
                throw new IllegalArgumentException("two plugins are named " + plugin.name());
            }
            pluginNames.add(plugin.name());
            if (plugin instanceof PreFilterPlugin p) {
                preFilters.add(p);
            }
            if (plugin instanceof FilterPlugin p) {
                filters.add(p);
            }
            if (plugin instanceof PostFilterPlugin p) {
                postFilters.add(p);
            }
            if (plugin instanceof PreScorePlugin p) {
                preScores.add(p);
            }
            if (plugin instanceof ScorePlugin p) {
                int weight = weights.getOrDefault(p.name(), 1);
                if (weight < 1) {
                    throw new IllegalArgumentException("the weight of " + p.name() + " must be at least 1, got " + weight);
                }
                scores.add(p);
                scoreWeightList.add(weight);
            }
            if (plugin instanceof ReservePlugin p) {
                reserves.add(p);
            }
            if (plugin instanceof BindPlugin p) {
                binders.add(p);
            }
            if (plugin instanceof EnqueueExtensions p) {
                events.put(plugin.name(), Set.copyOf(p.eventsToRegister()));
            }
        }
        if (binders.isEmpty()) {
            throw new IllegalArgumentException("no bind plugin is enabled: pods could not be bound (enable DefaultBinder)");
        }
        this.scoreWeights = scoreWeightList.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The enabled plugins' names, in order. */
    public List<String> pluginNames() {
        return List.copyOf(pluginNames);
    }

    /** The weight of each score plugin. */
    public Map<String, Integer> scoreWeights() {
        Map<String, Integer> result = new LinkedHashMap<>();
        for (int i = 0; i < scores.size(); i++) {
            result.put(scores.get(i).name(), scoreWeights[i]);
        }
        return result;
    }

    /** The cluster events each plugin that can reject a pod registered for. */
    public Map<String, Set<ClusterEvent>> eventsToRegister() {
        return Map.copyOf(events);
    }

    public boolean hasFilterPlugins() {
        return !filters.isEmpty();
    }

    /**
     * Runs the PreFilter plugins; the first that neither succeeds nor skips ends it with its status.
     * Then settles which Filter plugins run for the pod: those whose PreFilter did not skip.
     */
    public Status runPreFilter(CycleState state, PodInfo pod) {
        for (PreFilterPlugin plugin : preFilters) {
            Status status = plugin.preFilter(state, pod);
            if (status.isSkip()) {
                state.skipFilterPlugins().add(plugin.name());
            } else if (!status.isSuccess()) {
                return status.withPlugin(plugin.name());
            }
        }
        Set<String> skipped = state.skipFilterPlugins();
        state.setFilters(filters.stream().filter(plugin -> !skipped.contains(plugin.name())).toArray(FilterPlugin[]::new));
        return Status.success();
    }

    /** Runs the Filter plugins PreFilter left for the pod on one node; the first that does not succeed decides. */
    public Status runFilter(CycleState state, PodInfo pod, NodeInfo node) {
        for (FilterPlugin plugin : state.filters()) {
            Status status = plugin.filter(state, pod, node);
            if (!status.isSuccess()) {
                return status.withPlugin(plugin.name());
            }
        }
        return Status.success();
    }

    /**
     * Runs the PostFilter plugins after no node fitted; the first that nominates a node, or fails,
     * decides. With none, or none of them able to help, the result has no node and an unschedulable status.
     */
    public PostFilterPlugin.Result runPostFilter(CycleState state, PodInfo pod, Map<String, Status> rejections) {
        PostFilterPlugin.Result last = new PostFilterPlugin.Result(null, Status.unschedulable());
        for (PostFilterPlugin plugin : postFilters) {
            PostFilterPlugin.Result result = plugin.postFilter(state, pod, rejections);
            Status status = result.status().withPlugin(plugin.name());
            if (status.isSuccess() || status.isError()) {
                return new PostFilterPlugin.Result(result.nominatedNode(), status);
            }
            last = new PostFilterPlugin.Result(null, status);
        }
        return last;
    }

    /** Runs the PreScore plugins; an error ends it. */
    public Status runPreScore(CycleState state, PodInfo pod, List<NodeInfo> feasible) {
        for (PreScorePlugin plugin : preScores) {
            Status status = plugin.preScore(state, pod, feasible);
            if (status.isSkip()) {
                state.skipScorePlugins().add(plugin.name());
            } else if (!status.isSuccess()) {
                return status.withPlugin(plugin.name());
            }
        }
        return Status.success();
    }

    /**
     * Scores each node with every Score plugin that did not skip, normalizes, weighs and adds the
     * scores up: {@code totals[i]} for {@code nodes.get(i)}. Nodes are scored in parallel when there are many.
     *
     * @throws IllegalStateException if a plugin's score falls outside 0 to {@link ScorePlugin#MAX_SCORE}
     */
    public long[] runScore(CycleState state, PodInfo pod, List<NodeInfo> nodes, Parallelizer parallelizer) {
        long[] totals = new long[nodes.size()];
        List<ScorePlugin> active = new ArrayList<>();
        List<Integer> weights = new ArrayList<>();
        for (int p = 0; p < scores.size(); p++) {
            if (!state.skipScorePlugins().contains(scores.get(p).name())) {
                active.add(scores.get(p));
                weights.add(scoreWeights[p]);
            }
        }
        if (active.isEmpty()) {
            return totals;
        }
        long[][] perPlugin = new long[active.size()][nodes.size()];
        parallelizer.until(nodes.size(), i -> {
            NodeInfo node = nodes.get(i);
            for (int p = 0; p < active.size(); p++) {
                perPlugin[p][i] = active.get(p).score(state, pod, node);
            }
            return true;
        });
        for (int p = 0; p < active.size(); p++) {
            ScorePlugin plugin = active.get(p);
            long[] pluginScores = perPlugin[p];
            if (plugin instanceof NormalizeScorePlugin normalizer) {
                normalizer.normalizeScore(state, pod, nodes, pluginScores);
            }
            int weight = weights.get(p);
            for (int i = 0; i < pluginScores.length; i++) {
                long score = pluginScores[i];
                if (score < 0 || score > ScorePlugin.MAX_SCORE) {
                    throw new IllegalStateException("plugin " + plugin.name() + " scored node " + nodes.get(i).name()
                            + " " + score + ", outside 0 to " + ScorePlugin.MAX_SCORE);
                }
                totals[i] += score * weight;
            }
        }
        return totals;
    }

    /** Runs the Reserve plugins in order; if one fails, every Reserve plugin's unreserve runs, in reverse order. */
    public Status runReserve(CycleState state, PodInfo pod, String nodeName) {
        for (ReservePlugin plugin : reserves) {
            Status status = plugin.reserve(state, pod, nodeName);
            if (!status.isSuccess()) {
                runUnreserve(state, pod, nodeName);
                return status.withPlugin(plugin.name());
            }
        }
        return Status.success();
    }

    /** Runs every Reserve plugin's unreserve, in reverse order. */
    public void runUnreserve(CycleState state, PodInfo pod, String nodeName) {
        for (int i = reserves.size() - 1; i >= 0; i--) {
            reserves.get(i).unreserve(state, pod, nodeName);
        }
    }

    /** Runs the Bind plugins until one does not skip; its status decides. */
    public Status runBind(CycleState state, PodInfo pod, String nodeName) {
        for (BindPlugin plugin : binders) {
            Status status = plugin.bind(state, pod, nodeName);
            if (!status.isSkip()) {
                return status.withPlugin(plugin.name());
            }
        }
        return Status.error("every bind plugin skipped pod " + pod.key());
    }
}
