package dev.skiff.scheduler.plugins;

import dev.skiff.scheduler.framework.CycleState;
import dev.skiff.scheduler.framework.NodeInfo;
import dev.skiff.scheduler.framework.PodInfo;
import dev.skiff.scheduler.framework.Status;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.skiff.scheduler.testing.Fixtures.bound;
import static dev.skiff.scheduler.testing.Fixtures.pod;
import static dev.skiff.scheduler.testing.Fixtures.state;
import static org.assertj.core.api.Assertions.assertThat;

class PodTopologySpreadTest {

    private final PodTopologySpread plugin = new PodTopologySpread(true);

    @Test
    void aHardHostnameConstraintKeepsTheSkewWithinMaxSkew() {
        NodeInfo a = node("a", "zone-1", web("w1"), web("w2"));
        NodeInfo b = node("b", "zone-1", web("w3"));
        NodeInfo c = node("c", "zone-2");
        PodInfo pod = PodInfo.of(web("new", hard(PodTopologySpread.HOSTNAME, 1)));
        CycleState state = state(a, b, c);

        assertThat(plugin.preFilter(state, pod).isSuccess()).isTrue();
        Status rejected = plugin.filter(state, pod, a);
        assertThat(rejected.code()).isEqualTo(Status.Code.UNSCHEDULABLE);
        assertThat(rejected.reasons()).containsExactly("node(s) didn't match pod topology spread constraints");
        assertThat(plugin.filter(state, pod, b).isSuccess()).as("1 + 1 - 0 = 2 > 1").isFalse();
        assertThat(plugin.filter(state, pod, c).isSuccess()).isTrue();
    }

    @Test
    void aNodeWithoutTheTopologyLabelIsRejectedForGood() {
        NodeInfo zoned = node("a", "zone-1");
        NodeInfo unzoned = new NodeInfo(dev.skiff.scheduler.testing.Fixtures.node("b"));
        PodInfo pod = PodInfo.of(web("new", hard(PodTopologySpread.ZONE, 1)));
        CycleState state = state(zoned, unzoned);

        plugin.preFilter(state, pod);
        Status rejected = plugin.filter(state, pod, unzoned);
        assertThat(rejected.code()).isEqualTo(Status.Code.UNSCHEDULABLE_AND_UNRESOLVABLE);
        assertThat(rejected.reasons()).containsExactly("node(s) didn't match pod topology spread constraints (missing required label)");
        assertThat(plugin.filter(state, pod, zoned).isSuccess()).isTrue();
    }

    @Test
    void withFewerDomainsThanMinDomainsTheMinimumIsZero() {
        NodeInfo a = node("a", "zone-1", web("w1"));
        NodeInfo b = node("b", "zone-2", web("w2"));
        TopologySpreadConstraint zone = hard(PodTopologySpread.ZONE, 1);
        PodInfo plain = PodInfo.of(web("new", zone));
        PodInfo needsThree = PodInfo.of(web("new", new TopologySpreadConstraintBuilder(zone).withMinDomains(3).build()));

        CycleState state = state(a, b);
        plugin.preFilter(state, plain);
        assertThat(plugin.filter(state, plain, a).isSuccess()).as("1 + 1 - 1 = 1").isTrue();
        CycleState strict = state(a, b);
        plugin.preFilter(strict, needsThree);
        assertThat(plugin.filter(strict, needsThree, a).isSuccess()).as("1 + 1 - 0 = 2").isFalse();
    }

    @Test
    void onlyMatchingLiveBoundPodsOfTheNamespaceCount() {
        Pod otherNamespace = new PodBuilder(web("x")).editMetadata().withNamespace("other").endMetadata().build();
        Pod terminating = new PodBuilder(web("t")).editMetadata().withDeletionTimestamp("2026-01-01T00:00:00Z").endMetadata().build();
        Pod otherApp = new PodBuilder(web("o")).editMetadata().addToLabels("app", "db").endMetadata().build();
        NodeInfo a = node("a", "zone-1", otherNamespace, terminating, otherApp);
        NodeInfo b = node("b", "zone-1");
        PodInfo pod = PodInfo.of(web("new", hard(PodTopologySpread.HOSTNAME, 1)));
        CycleState state = state(a, b);

        plugin.preFilter(state, pod);
        assertThat(plugin.filter(state, pod, a).isSuccess()).isTrue();
    }

    @Test
    void nodesThePodsNodeSelectorExcludesDoNotCountUnlessThePolicyIsIgnore() {
        NodeInfo a = node("a", "zone-1", web("w1"));
        NodeInfo b = node("b", "zone-2", web("w2"));
        NodeInfo c = new NodeInfo(dev.skiff.scheduler.testing.Fixtures.node("c", "4", "8Gi").editMetadata().addToLabels(PodTopologySpread.ZONE, "zone-3")
                .addToLabels("disk", "hdd").endMetadata().build());
        TopologySpreadConstraint zone = hard(PodTopologySpread.ZONE, 1);
        PodInfo honor = PodInfo.of(onSsd(web("new", zone)));
        PodInfo ignore = PodInfo.of(onSsd(web("new", new TopologySpreadConstraintBuilder(zone).withNodeAffinityPolicy("Ignore").build())));

        CycleState honorState = state(a, b, c);
        plugin.preFilter(honorState, honor);
        assertThat(plugin.filter(honorState, honor, a).isSuccess()).as("zone-3 does not count: minimum 1").isTrue();
        CycleState ignoreState = state(a, b, c);
        plugin.preFilter(ignoreState, ignore);
        assertThat(plugin.filter(ignoreState, ignore, a).isSuccess()).as("zone-3 counts: minimum 0").isFalse();
    }

    @Test
    void softConstraintsScoreDomainsWithFewerMatchingPodsHigher() {
        NodeInfo a = node("a", "zone-1", web("w1"), web("w2"));
        NodeInfo b = node("b", "zone-1", web("w3"));
        NodeInfo c = node("c", "zone-2");
        PodInfo pod = PodInfo.of(web("new", soft(PodTopologySpread.HOSTNAME, 1)));
        List<NodeInfo> nodes = List.of(a, b, c);
        CycleState state = state(a, b, c);

        assertThat(plugin.preFilter(state, pod).isSkip()).as("no hard constraint").isTrue();
        assertThat(plugin.preScore(state, pod, nodes).isSuccess()).isTrue();
        long[] scores = scores(state, pod, nodes);
        plugin.normalizeScore(state, pod, nodes, scores);
        assertThat(scores[2]).isEqualTo(100);
        assertThat(scores[0]).isLessThan(scores[1]);
        assertThat(scores[1]).isLessThan(scores[2]);
    }

    @Test
    void podsOfAControllerAreSpreadByTheSystemDefaultsUnlessTurnedOff() {
        NodeInfo a = node("a", "zone-1", owned("r1", "rs-1"), owned("r2", "rs-1"), owned("x1", "rs-2"));
        NodeInfo b = node("b", "zone-1", owned("x2", "rs-2"), owned("x3", "rs-2"));
        List<NodeInfo> nodes = List.of(a, b);
        PodInfo replica = PodInfo.of(owned("r3", "rs-1"));

        CycleState state = state(a, b);
        assertThat(plugin.preScore(state, replica, nodes).isSuccess()).isTrue();
        long[] scores = scores(state, replica, nodes);
        plugin.normalizeScore(state, replica, nodes, scores);
        assertThat(scores[1]).as("b has none of rs-1's pods").isEqualTo(100);
        assertThat(scores[0]).isLessThan(100);

        assertThat(plugin.preScore(state(a, b), PodInfo.of(web("free")), nodes).isSkip()).as("no controller").isTrue();
        assertThat(new PodTopologySpread(false).preScore(state(a, b), replica, nodes).isSkip()).isTrue();
    }

    private long[] scores(CycleState state, PodInfo pod, List<NodeInfo> nodes) {
        long[] scores = new long[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            scores[i] = plugin.score(state, pod, nodes.get(i));
        }
        return scores;
    }

    private static NodeInfo node(String name, String zone, Pod... pods) {
        NodeInfo info = new NodeInfo(dev.skiff.scheduler.testing.Fixtures.node(name, "4", "8Gi").editMetadata()
                .addToLabels(PodTopologySpread.ZONE, zone).addToLabels("disk", "ssd").endMetadata().build());
        for (Pod pod : pods) {
            info.addPod(PodInfo.of(bound(pod, name)));
        }
        return info;
    }

    private static Pod web(String name, TopologySpreadConstraint... constraints) {
        return pod(name, null, null).editMetadata().addToLabels("app", "web").endMetadata()
                .editSpec().withTopologySpreadConstraints(new ArrayList<>(List.of(constraints))).endSpec().build();
    }

    private static Pod onSsd(Pod pod) {
        return new PodBuilder(pod).editSpec().addToNodeSelector("disk", "ssd").endSpec().build();
    }

    private static Pod owned(String name, String controllerUid) {
        return pod(name, null, null).editMetadata().addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet")
                .withName(controllerUid).withUid(controllerUid).withController(true).endOwnerReference().endMetadata().build();
    }

    private static TopologySpreadConstraint hard(String key, int maxSkew) {
        return constraint(key, maxSkew, "DoNotSchedule");
    }

    private static TopologySpreadConstraint soft(String key, int maxSkew) {
        return constraint(key, maxSkew, "ScheduleAnyway");
    }

    private static TopologySpreadConstraint constraint(String key, int maxSkew, String when) {
        return new TopologySpreadConstraintBuilder().withTopologyKey(key).withMaxSkew(maxSkew).withWhenUnsatisfiable(when)
                .withNewLabelSelector().addToMatchLabels("app", "web").endLabelSelector().build();
    }
}
