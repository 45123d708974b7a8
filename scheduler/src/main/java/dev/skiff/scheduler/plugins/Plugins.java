package dev.skiff.scheduler.plugins;

import dev.skiff.scheduler.binding.PodBinder;
import dev.skiff.scheduler.framework.Framework;
import dev.skiff.scheduler.framework.Plugin;
import dev.skiff.scheduler.framework.ScorePlugin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The plugins the scheduler knows, in Kubernetes' default order, and the profile built from them:
 * every plugin enabled unless disabled by name, score weights as Kubernetes' defaults unless set.
 */
public final class Plugins {

    /** Kubernetes' default weights of the score plugins. */
    public static final Map<String, Integer> DEFAULT_WEIGHTS = Map.of(
            TaintToleration.NAME, 3,
            NodeAffinity.NAME, 2,
            PodTopologySpread.NAME, 2,
            NodeResourcesFit.NAME, 1,
            NodeResourcesBalancedAllocation.NAME, 1);

    private Plugins() {
    }

    /** How the profile is chosen. */
    public record Settings(Collection<String> disabled, Map<String, Integer> weights,
                           NodeResourcesFit.Strategy scoringStrategy, boolean defaultTopologySpread) {

        public static Settings defaults() {
            return new Settings(List.of(), Map.of(), NodeResourcesFit.Strategy.LEAST_ALLOCATED, true);
        }
    }

    /** Every plugin, in the order they run. */
    private static List<Plugin> all(Settings settings, PodBinder binder) {
        return List.of(
                new NodeUnschedulable(),
                new NodeName(),
                new TaintToleration(),
                new NodeAffinity(),
                new NodePorts(),
                new NodeResourcesFit(settings.scoringStrategy()),
                new PodTopologySpread(settings.defaultTopologySpread()),
                new NodeResourcesBalancedAllocation(),
                new DefaultBinder(binder));
    }

    /**
     * The profile: every plugin but the disabled ones, with the weights.
     *
     * @throws IllegalArgumentException for an unknown plugin name, a weight of a plugin that does not
     *                                  score or is disabled, or a profile that cannot bind
     */
    public static Framework framework(Settings settings, PodBinder binder) {
        List<Plugin> all = all(settings, binder);
        Set<String> known = new TreeSet<>();
        all.forEach(plugin -> known.add(plugin.name()));
        for (String name : settings.disabled()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown plugin '" + name + "' in skiff.scheduler.plugins.disabled; the plugins are " + known);
            }
        }
        List<Plugin> enabled = new ArrayList<>();
        for (Plugin plugin : all) {
            if (!settings.disabled().contains(plugin.name())) {
                enabled.add(plugin);
            }
        }
        Map<String, Integer> weights = new LinkedHashMap<>(DEFAULT_WEIGHTS);
        for (Map.Entry<String, Integer> weight : settings.weights().entrySet()) {
            Plugin plugin = enabled.stream().filter(p -> p.name().equals(weight.getKey())).findFirst().orElse(null);
            if (!(plugin instanceof ScorePlugin)) {
                throw new IllegalArgumentException("skiff.scheduler.plugins.weights names '" + weight.getKey()
                        + "', which is not an enabled score plugin; they are " + scorePluginNames(enabled));
            }
            weights.put(weight.getKey(), weight.getValue());
        }
        return new Framework(enabled, weights);
    }

    private static Set<String> scorePluginNames(List<Plugin> plugins) {
        Set<String> names = new TreeSet<>();
        for (Plugin plugin : plugins) {
            if (plugin instanceof ScorePlugin) {
                names.add(plugin.name());
            }
        }
        return names;
    }
}
