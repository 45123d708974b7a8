package dev.skiff.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.skiff.controllers.nodelifecycle.NodeConditionsTest.condition;
import static dev.skiff.controllers.nodelifecycle.NodeConditionsTest.node;
import static org.assertj.core.api.Assertions.assertThat;

class NodeTaintsTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final Taint USERS = new TaintBuilder().withKey("dedicated").withValue("db").withEffect("NoSchedule").build();

    @Test
    void anUnknownNodeIsUnreachableAndANotReadyNodeNotReady() {
        List<Taint> unreachable = NodeTaints.reconcile(node(condition("Ready", "Unknown")), NOW).orElseThrow();
        assertThat(unreachable).extracting(t -> t.getKey() + ":" + t.getEffect() + "@" + t.getTimeAdded()).containsExactly(
                Taints.UNREACHABLE + ":NoExecute@2024-05-01T12:00:00Z", Taints.UNREACHABLE + ":NoSchedule@null");
        List<Taint> notReady = NodeTaints.reconcile(node(condition("Ready", "False")), NOW).orElseThrow();
        assertThat(notReady).extracting(t -> t.getKey() + ":" + t.getEffect())
                .containsExactly(Taints.NOT_READY + ":NoExecute", Taints.NOT_READY + ":NoSchedule");
    }

    @Test
    void aReadyNodeLosesTheTaintsAndKeepsTheUsers() {
        Node node = withTaints(node(condition("Ready", "True")), USERS,
                new TaintBuilder().withKey(Taints.UNREACHABLE).withEffect("NoExecute").withTimeAdded("2024-05-01T11:00:00Z").build(),
                new TaintBuilder().withKey(Taints.UNREACHABLE).withEffect("NoSchedule").build());
        assertThat(NodeTaints.reconcile(node, NOW)).contains(List.of(USERS));
    }

    @Test
    void taintsInPlaceKeepTheirTimeAndNothingChanges() {
        Taint added = new TaintBuilder().withKey(Taints.UNREACHABLE).withEffect("NoExecute").withTimeAdded("2024-05-01T11:00:00Z").build();
        Node node = withTaints(node(condition("Ready", "Unknown")), added,
                new TaintBuilder().withKey(Taints.UNREACHABLE).withEffect("NoSchedule").build(), USERS);
        assertThat(NodeTaints.reconcile(node, NOW)).isEmpty();
    }

    @Test
    void fromUnreachableToNotReadyTheTaintsAreSwapped() {
        Node node = withTaints(node(condition("Ready", "False")),
                new TaintBuilder().withKey(Taints.UNREACHABLE).withEffect("NoExecute").withTimeAdded("2024-05-01T11:00:00Z").build(),
                new TaintBuilder().withKey(Taints.UNREACHABLE).withEffect("NoSchedule").build());
        assertThat(NodeTaints.reconcile(node, NOW).orElseThrow()).extracting(t -> t.getKey() + ":" + t.getEffect())
                .containsExactly(Taints.NOT_READY + ":NoExecute", Taints.NOT_READY + ":NoSchedule");
    }

    @Test
    void pressureAndCordonKeepNewPodsAway() {
        Node node = new NodeBuilder(node(condition("Ready", "True"), condition("MemoryPressure", "True"),
                condition("DiskPressure", "False"), condition("PIDPressure", "True")))
                .withNewSpec().withUnschedulable(true).endSpec().build();
        assertThat(NodeTaints.reconcile(node, NOW).orElseThrow()).extracting(t -> t.getKey() + ":" + t.getEffect())
                .containsExactlyInAnyOrder(Taints.MEMORY_PRESSURE + ":NoSchedule", Taints.PID_PRESSURE + ":NoSchedule",
                        Taints.UNSCHEDULABLE + ":NoSchedule");
    }

    @Test
    void aNodeThatNeverPostedReadyGetsNoTaint() {
        assertThat(NodeTaints.reconcile(node(), NOW)).isEmpty();
    }

    private static Node withTaints(Node node, Taint... taints) {
        return new NodeBuilder(node).editOrNewSpec().withTaints(taints).endSpec().build();
    }
}
