package dev.skiff.scheduler.plugins;

import dev.skiff.scheduler.framework.Framework;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PluginsTest {

    private static final Plugins.Settings DEFAULTS = Plugins.Settings.defaults();

    @Test
    void theDefaultProfileRunsEveryPluginInKubernetesOrderWithItsWeights() {
        Framework framework = Plugins.framework(DEFAULTS, (pod, node) -> { });

        assertThat(framework.pluginNames()).containsExactly("NodeUnschedulable", "NodeName", "TaintToleration", "NodeAffinity",
                "NodePorts", "NodeResourcesFit", "PodTopologySpread", "NodeResourcesBalancedAllocation", "DefaultBinder");
        assertThat(framework.scoreWeights()).containsExactly(Map.entry("TaintToleration", 3), Map.entry("NodeAffinity", 2),
                Map.entry("NodeResourcesFit", 1), Map.entry("PodTopologySpread", 2), Map.entry("NodeResourcesBalancedAllocation", 1));
    }

    @Test
    void pluginsCanBeDisabledAndReweighed() {
        Framework framework = Plugins.framework(new Plugins.Settings(List.of("NodePorts", "PodTopologySpread"),
                Map.of("NodeResourcesFit", 5), NodeResourcesFit.Strategy.MOST_ALLOCATED, true), (pod, node) -> { });

        assertThat(framework.pluginNames()).doesNotContain("NodePorts", "PodTopologySpread");
        assertThat(framework.scoreWeights()).containsEntry("NodeResourcesFit", 5).doesNotContainKey("PodTopologySpread");
    }

    @Test
    void mistakesInTheSettingsAreNamed() {
        assertThatThrownBy(() -> Plugins.framework(new Plugins.Settings(List.of("NodePort"), Map.of(),
                NodeResourcesFit.Strategy.LEAST_ALLOCATED, true), (pod, node) -> { }))
                .hasMessageContaining("unknown plugin 'NodePort'").hasMessageContaining("NodePorts");
        assertThatThrownBy(() -> Plugins.framework(new Plugins.Settings(List.of(), Map.of("NodePorts", 2),
                NodeResourcesFit.Strategy.LEAST_ALLOCATED, true), (pod, node) -> { }))
                .hasMessageContaining("'NodePorts', which is not an enabled score plugin");
        assertThatThrownBy(() -> Plugins.framework(new Plugins.Settings(List.of(), Map.of("TaintToleration", 0),
                NodeResourcesFit.Strategy.LEAST_ALLOCATED, true), (pod, node) -> { }))
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Plugins.framework(new Plugins.Settings(List.of("DefaultBinder"), Map.of(),
                NodeResourcesFit.Strategy.LEAST_ALLOCATED, true), (pod, node) -> { }))
                .hasMessageContaining("no bind plugin");
    }
}
