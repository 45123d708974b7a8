package dev.skiff.scheduler.plugins;

import dev.skiff.scheduler.framework.CycleState;
import dev.skiff.scheduler.framework.NodeInfo;
import dev.skiff.scheduler.framework.PodInfo;
import dev.skiff.scheduler.framework.Status;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.skiff.scheduler.testing.Fixtures.node;
import static dev.skiff.scheduler.testing.Fixtures.pod;
import static dev.skiff.scheduler.testing.Fixtures.state;
import static org.assertj.core.api.Assertions.assertThat;

class TaintTolerationTest {

    private final TaintToleration plugin = new TaintToleration();
    private final NodeInfo gpu = tainted("gpu", "dedicated", "gpu", "NoSchedule");
    private final NodeInfo draining = tainted("draining", "maintenance", null, "NoExecute");
    private final NodeInfo spot = tainted("spot", "spot", "true", "PreferNoSchedule");
    private final NodeInfo clean = new NodeInfo(node("clean"));

    @Test
    void noScheduleAndNoExecuteTaintsKeepPodsThatDoNotTolerateThemOff() {
        PodInfo plain = PodInfo.of(pod("p", null, null).build());

        Status rejected = plugin.filter(state(gpu), plain, gpu);
        assertThat(rejected.code()).isEqualTo(Status.Code.UNSCHEDULABLE_AND_UNRESOLVABLE);
        assertThat(rejected.reasons()).containsExactly("node(s) had untolerated taint {dedicated: gpu}");
        assertThat(plugin.filter(state(draining), plain, draining).reasons()).containsExactly("node(s) had untolerated taint {maintenance: }");
        assertThat(plugin.filter(state(spot), plain, spot).isSuccess()).as("PreferNoSchedule only scores").isTrue();
        assertThat(plugin.filter(state(clean), plain, clean).isSuccess()).isTrue();
    }

    @Test
    void tolerationsMatchByKeyValueOperatorAndEffect() {
        assertThat(fits(toleration("dedicated", "Equal", "gpu", "NoSchedule"), gpu)).isTrue();
        assertThat(fits(toleration("dedicated", null, "gpu", null), gpu)).as("no operator is Equal; no effect matches all").isTrue();
        assertThat(fits(toleration("dedicated", "Equal", "cpu", "NoSchedule"), gpu)).isFalse();
        assertThat(fits(toleration("dedicated", "Exists", null, "NoSchedule"), gpu)).isTrue();
        assertThat(fits(toleration("dedicated", "Exists", null, "NoExecute"), gpu)).as("another effect").isFalse();
        assertThat(fits(toleration(null, "Exists", null, null), draining)).as("empty key with Exists tolerates everything").isTrue();
        assertThat(fits(toleration("maintenance", "Exists", null, "NoExecute"), draining)).isTrue();
    }

    @Test
    void nodesWithFewerUntoleratedPreferNoScheduleTaintsScoreHigher() {
        NodeInfo twoSoft = new NodeInfo(node("two", "4", "8Gi").editSpec()
                .addNewTaint().withKey("a").withEffect("PreferNoSchedule").endTaint()
                .addNewTaint().withKey("b").withEffect("PreferNoSchedule").endTaint().endSpec().build());
        PodInfo plain = PodInfo.of(pod("p", null, null).build());
        List<NodeInfo> nodes = List.of(clean, spot, twoSoft);
        CycleState state = state(clean, spot, twoSoft);

        assertThat(plugin.preScore(state, plain, nodes).isSuccess()).isTrue();
        long[] scores = {plugin.score(state, plain, clean), plugin.score(state, plain, spot), plugin.score(state, plain, twoSoft)};
        assertThat(scores).containsExactly(0, 1, 2);
        plugin.normalizeScore(state, plain, nodes, scores);
        assertThat(scores).containsExactly(100, 50, 0);

        PodInfo tolerant = PodInfo.of(pod("t", null, null).editSpec().addToTolerations(
                toleration(null, "Exists", null, "PreferNoSchedule")).endSpec().build());
        plugin.preScore(state, tolerant, nodes);
        long[] tolerated = {plugin.score(state, tolerant, clean), plugin.score(state, tolerant, spot), plugin.score(state, tolerant, twoSoft)};
        plugin.normalizeScore(state, tolerant, nodes, tolerated);
        assertThat(tolerated).containsExactly(100, 100, 100);
    }

    private boolean fits(Toleration toleration, NodeInfo node) {
        PodInfo pod = PodInfo.of(pod("p", null, null).editSpec().addToTolerations(toleration).endSpec().build());
        return plugin.filter(state(node), pod, node).isSuccess();
    }

    private static Toleration toleration(String key, String operator, String value, String effect) {
        return new TolerationBuilder().withKey(key).withOperator(operator).withValue(value).withEffect(effect).build();
    }

    private static NodeInfo tainted(String name, String key, String value, String effect) {
        return new NodeInfo(node(name, "4", "8Gi").editSpec().addNewTaint().withKey(key).withValue(value).withEffect(effect).endTaint()
                .endSpec().build());
    }
}
