package dev.skiff.scheduler.plugins;

import dev.skiff.scheduler.framework.NodeInfo;
import dev.skiff.scheduler.framework.PodInfo;
import org.junit.jupiter.api.Test;

import static dev.skiff.scheduler.testing.Fixtures.node;
import static dev.skiff.scheduler.testing.Fixtures.pod;
import static dev.skiff.scheduler.testing.Fixtures.state;
import static org.assertj.core.api.Assertions.assertThat;

class NodeNameTest {

    private final NodeName plugin = new NodeName();
    private final NodeInfo n1 = new NodeInfo(node("n1"));
    private final NodeInfo n2 = new NodeInfo(node("n2"));

    @Test
    void aPodNamingItsNodeFitsOnlyThatNode() {
        PodInfo named = PodInfo.of(pod("p", null, null).editSpec().withNodeName("n1").endSpec().build());

        assertThat(plugin.preFilter(state(n1, n2), named).isSuccess()).isTrue();
        assertThat(plugin.filter(state(n1, n2), named, n1).isSuccess()).isTrue();
        assertThat(plugin.filter(state(n1, n2), named, n2).reasons()).containsExactly("node(s) didn't match the requested node name");
    }

    @Test
    void aPodNamingNoNodeFitsAny() {
        PodInfo free = PodInfo.of(pod("p", null, null).build());

        assertThat(plugin.preFilter(state(n1, n2), free).isSkip()).isTrue();
        assertThat(plugin.filter(state(n1, n2), free, n2).isSuccess()).isTrue();
    }
}
