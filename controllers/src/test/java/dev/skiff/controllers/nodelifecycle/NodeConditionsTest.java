package dev.skiff.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NodeConditionsTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:30.500Z");

    @Test
    void theKubeletsConditionsTurnUnknownKeepingTheirHeartbeat() {
        Node node = node(condition("Ready", "True"), condition("MemoryPressure", "False"),
                condition("DiskPressure", "False"), condition("PIDPressure", "False"), condition("NetworkUnavailable", "False"));
        List<NodeCondition> unknown = NodeConditions.unknown(node, NOW);
        assertThat(unknown).hasSize(5);
        assertThat(unknown.subList(0, 4)).allSatisfy(c -> {
            assertThat(c.getStatus()).isEqualTo("Unknown");
            assertThat(c.getReason()).isEqualTo("NodeStatusUnknown");
            assertThat(c.getMessage()).isEqualTo("Kubelet stopped posting node status.");
            assertThat(c.getLastHeartbeatTime()).isEqualTo("2024-05-01T12:00:00Z");
            assertThat(c.getLastTransitionTime()).isEqualTo("2024-05-01T12:00:30Z");
        });
        assertThat(unknown.get(4)).isEqualTo(condition("NetworkUnavailable", "False"));
    }

    @Test
    void conditionsNeverPostedAreAddedAsNeverUpdated() {
        Node node = node(condition("Ready", "False"));
        List<NodeCondition> unknown = NodeConditions.unknown(node, NOW);
        assertThat(unknown).extracting(NodeCondition::getType)
                .containsExactly("Ready", "MemoryPressure", "DiskPressure", "PIDPressure");
        assertThat(unknown.get(1).getReason()).isEqualTo("NodeStatusNeverUpdated");
        assertThat(unknown.get(1).getMessage()).isEqualTo("Kubelet never posted node status.");
        assertThat(unknown.get(1).getLastHeartbeatTime()).isEqualTo("2024-05-01T11:00:00Z");
    }

    @Test
    void unknownTwiceChangesNothing() {
        Node node = node(condition("Ready", "True"));
        List<NodeCondition> once = NodeConditions.unknown(node, NOW);
        Node marked = new NodeBuilder(node).editStatus().withConditions(once).endStatus().build();
        assertThat(NodeConditions.unknown(marked, NOW.plusSeconds(10))).isEqualTo(once);
    }

    @Test
    void readinessIsTheReadyCondition() {
        assertThat(NodeConditions.isReady(node(condition("Ready", "True")))).isTrue();
        assertThat(NodeConditions.isReady(node(condition("Ready", "Unknown")))).isFalse();
        assertThat(NodeConditions.isReady(node())).isFalse();
        assertThat(NodeConditions.status(node(), "Ready")).isEmpty();
    }

    static Node node(NodeCondition... conditions) {
        return new NodeBuilder().withNewMetadata().withName("n1").withCreationTimestamp("2024-05-01T11:00:00Z").endMetadata()
                .withNewStatus().withConditions(conditions).endStatus().build();
    }

    static NodeCondition condition(String type, String status) {
        return new NodeConditionBuilder().withType(type).withStatus(status).withReason("Kubelet" + type)
                .withMessage("from the kubelet").withLastHeartbeatTime("2024-05-01T12:00:00Z")
                .withLastTransitionTime("2024-05-01T11:00:00Z").build();
    }
}
