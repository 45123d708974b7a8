package dev.skiff.scheduler.plugins;

import dev.skiff.scheduler.framework.NodeInfo;
import dev.skiff.scheduler.framework.PodInfo;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.skiff.scheduler.testing.Fixtures.bound;
import static dev.skiff.scheduler.testing.Fixtures.node;
import static dev.skiff.scheduler.testing.Fixtures.nodeInfo;
import static dev.skiff.scheduler.testing.Fixtures.pod;
import static dev.skiff.scheduler.testing.Fixtures.state;
import static org.assertj.core.api.Assertions.assertThat;

class NodeResourcesBalancedAllocationTest {

    private final NodeResourcesBalancedAllocation plugin = new NodeResourcesBalancedAllocation();

    @Test
    void prefersTheNodeWhoseCpuAndMemoryWouldBeUsedAlike() {
        NodeInfo cpuHeavy = nodeInfo(node("cpu-heavy", "4", "8Gi").build(), bound(pod("a", "3", "1Gi").build(), "cpu-heavy"));
        NodeInfo balanced = nodeInfo(node("balanced", "4", "8Gi").build(), bound(pod("b", "1", "2Gi").build(), "balanced"));
        PodInfo pod = PodInfo.of(pod("p", "1", "2Gi").build());

        // cpu 4/4 = 1, memory 3/8: |1 - 0.375| / 2 = 0.3125 -> 68; cpu 2/4 = memory 4/8 -> 100
        assertThat(plugin.score(state(cpuHeavy, balanced), pod, cpuHeavy)).isEqualTo(68);
        assertThat(plugin.score(state(cpuHeavy, balanced), pod, balanced)).isEqualTo(100);
    }

    @Test
    void fractionsAreCappedAtOneAndPodsWithoutRequestsSkip() {
        NodeInfo over = nodeInfo(node("over", "1", "8Gi").build(), bound(pod("a", "2", null).build(), "over"));
        PodInfo pod = PodInfo.of(pod("p", "1", null).build());
        // cpu 3/1 capped at 1, memory 0: 1 - 0.5 = 50
        assertThat(plugin.score(state(over), pod, over)).isEqualTo(50);

        assertThat(plugin.preScore(state(over), PodInfo.of(pod("be", null, null).build()), List.of(over)).isSkip()).isTrue();
        assertThat(plugin.preScore(state(over), pod, List.of(over)).isSuccess()).isTrue();
    }
}
