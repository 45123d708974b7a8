package dev.skiff.scheduler.plugins;

import dev.skiff.scheduler.framework.NodeInfo;
import dev.skiff.scheduler.framework.PodInfo;
import dev.skiff.scheduler.framework.Status;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

import static dev.skiff.scheduler.testing.Fixtures.node;
import static dev.skiff.scheduler.testing.Fixtures.pod;
import static dev.skiff.scheduler.testing.Fixtures.state;
import static org.assertj.core.api.Assertions.assertThat;

class NodeUnschedulableTest {

    private final NodeUnschedulable plugin = new NodeUnschedulable();

    @Test
    void aCordonedNodeTakesNoPodUnlessItToleratesTheUnschedulableTaint() {
        NodeInfo cordoned = new NodeInfo(node("n1", "4", "8Gi").editSpec().withUnschedulable(true).endSpec().build());
        NodeInfo open = new NodeInfo(node("n2", "4", "8Gi").build());
        PodInfo plain = PodInfo.of(pod("p", "1", null).build());
        PodInfo daemon = PodInfo.of(new PodBuilder(pod("d", "1", null).build()).editSpec()
                .addNewToleration().withKey("node.kubernetes.io/unschedulable").withOperator("Exists").withEffect("NoSchedule").endToleration()
                .endSpec().build());

        Status rejected = plugin.filter(state(cordoned), plain, cordoned);
        assertThat(rejected.code()).isEqualTo(Status.Code.UNSCHEDULABLE_AND_UNRESOLVABLE);
        assertThat(rejected.reasons()).containsExactly("node(s) were unschedulable");
        assertThat(plugin.filter(state(cordoned), daemon, cordoned).isSuccess()).isTrue();
        assertThat(plugin.filter(state(open), plain, open).isSuccess()).isTrue();
    }
}
