package dev.skiff.scheduler.plugins;

import dev.skiff.scheduler.framework.CycleState;
import dev.skiff.scheduler.framework.NodeInfo;
import dev.skiff.scheduler.framework.PodInfo;
import dev.skiff.scheduler.framework.Status;
import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.api.Test;

import static dev.skiff.scheduler.testing.Fixtures.bound;
import static dev.skiff.scheduler.testing.Fixtures.node;
import static dev.skiff.scheduler.testing.Fixtures.nodeInfo;
import static dev.skiff.scheduler.testing.Fixtures.pod;
import static dev.skiff.scheduler.testing.Fixtures.state;
import static org.assertj.core.api.Assertions.assertThat;

class NodePortsTest {

    private final NodePorts plugin = new NodePorts();

    @Test
    void aHostPortHeldOnTheNodeWithTheSameProtocolRejectsIt() {
        NodeInfo node = nodeInfo(node("n"), bound(withPort("web", 8080, "TCP", null), "n"), bound(withPort("dns", 53, "UDP", "10.0.0.1"), "n"));

        assertThat(filter(withPort("web2", 8080, null, null), node).reasons())
                .containsExactly("node(s) didn't have free ports for the requested pod ports");
        assertThat(filter(withPort("web-udp", 8080, "UDP", null), node).isSuccess()).as("another protocol").isTrue();
        assertThat(filter(withPort("dns2", 53, "UDP", "10.0.0.2"), node).isSuccess()).as("another address").isTrue();
        assertThat(filter(withPort("dns-all", 53, "UDP", "0.0.0.0"), node).code()).as("all addresses").isEqualTo(Status.Code.UNSCHEDULABLE);
        assertThat(filter(withPort("dns-same", 53, "UDP", "10.0.0.1"), node).isSuccess()).isFalse();
    }

    @Test
    void podsWithoutHostPortsSkipIt() {
        CycleState state = state(new NodeInfo(node("n")));

        assertThat(plugin.preFilter(state, PodInfo.of(pod("p", null, null).build())).isSkip()).isTrue();
        Pod containerPortOnly = pod("c", null, null).editSpec().editFirstContainer().addNewPort().withContainerPort(80).endPort()
                .endContainer().endSpec().build();
        assertThat(plugin.preFilter(state, PodInfo.of(containerPortOnly)).isSkip()).isTrue();
    }

    private Status filter(Pod pod, NodeInfo node) {
        CycleState state = state(node);
        PodInfo info = PodInfo.of(pod);
        assertThat(plugin.preFilter(state, info).isSuccess()).isTrue();
        return plugin.filter(state, info, node);
    }

    private static Pod withPort(String name, int hostPort, String protocol, String hostIp) {
        return pod(name, null, null).editSpec().editFirstContainer().addNewPort().withContainerPort(hostPort).withHostPort(hostPort)
                .withProtocol(protocol).withHostIP(hostIp).endPort().endContainer().endSpec().build();
    }
}
