package dev.skiff.scheduler.plugins;

import dev.skiff.scheduler.framework.CycleState;
import dev.skiff.scheduler.framework.NodeInfo;
import dev.skiff.scheduler.framework.PodInfo;
import dev.skiff.scheduler.framework.Status;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.skiff.scheduler.testing.Fixtures.node;
import static dev.skiff.scheduler.testing.Fixtures.pod;
import static dev.skiff.scheduler.testing.Fixtures.state;
import static org.assertj.core.api.Assertions.assertThat;

class NodeAffinityTest {

    private final NodeAffinity plugin = new NodeAffinity();
    private final NodeInfo ssdA = new NodeInfo(node("a", "4", "8Gi").editMetadata().addToLabels("disk", "ssd").addToLabels("zone", "a")
            .addToLabels("cores", "16").endMetadata().build());
    private final NodeInfo hddB = new NodeInfo(node("b", "4", "8Gi").editMetadata().addToLabels("disk", "hdd").addToLabels("zone", "b")
            .addToLabels("cores", "4").endMetadata().build());
    private final NodeInfo bare = new NodeInfo(node("c"));

    @Test
    void aPodWithoutSelectorOrAffinitySkipsTheFilter() {
        CycleState state = state(ssdA, hddB);

        assertThat(plugin.preFilter(state, PodInfo.of(pod("p", null, null).build())).isSkip()).isTrue();
        assertThat(plugin.preScore(state, PodInfo.of(pod("p", null, null).build()), List.of(ssdA)).isSkip()).isTrue();
    }

    @Test
    void theNodeSelectorMustMatchEveryLabel() {
        PodInfo pod = PodInfo.of(pod("p", null, null).editSpec().addToNodeSelector("disk", "ssd").addToNodeSelector("zone", "a").endSpec().build());

        assertThat(fits(pod, ssdA)).isTrue();
        Status rejected = filter(pod, hddB);
        assertThat(rejected.code()).isEqualTo(Status.Code.UNSCHEDULABLE_AND_UNRESOLVABLE);
        assertThat(rejected.reasons()).containsExactly("node(s) didn't match Pod's node affinity/selector");
        assertThat(fits(pod, bare)).isFalse();
    }

    @Test
    void requiredTermsAreOredAndTheirExpressionsAnded() {
        PodInfo pod = required(
                term(req("disk", "In", "ssd"), req("zone", "NotIn", "b")),
                term(req("cores", "Lt", "8"), req("zone", "Exists")));

        assertThat(fits(pod, ssdA)).isTrue();
        assertThat(fits(pod, hddB)).as("the second term: 4 cores < 8 and a zone").isTrue();
        assertThat(fits(pod, bare)).isFalse();
    }

    @Test
    void everyOperatorAndNodeNameFields() {
        assertThat(fits(required(term(req("cores", "Gt", "8"))), ssdA)).isTrue();
        assertThat(fits(required(term(req("cores", "Gt", "8"))), hddB)).isFalse();
        assertThat(fits(required(term(req("cores", "Gt", "many"))), ssdA)).as("not an integer").isFalse();
        assertThat(fits(required(term(req("disk", "DoesNotExist"))), bare)).isTrue();
        assertThat(fits(required(term(req("disk", "DoesNotExist"))), ssdA)).isFalse();
        assertThat(fits(required(term(req("disk", "NotIn", "ssd"))), bare)).as("NotIn holds for a missing label").isTrue();
        assertThat(fits(required(term(req("disk", "Sideways", "ssd"))), ssdA)).as("unknown operator").isFalse();

        PodInfo byName = PodInfo.of(withAffinity(new NodeSelectorTermBuilder()
                .addToMatchFields(req("metadata.name", "In", "b")).build()));
        assertThat(fits(byName, hddB)).isTrue();
        assertThat(fits(byName, ssdA)).isFalse();
    }

    @Test
    void anEmptyTermOrAnEmptyListOfTermsMatchesNothing() {
        assertThat(fits(required(new NodeSelectorTermBuilder().build()), ssdA)).isFalse();
        Pod noTerms = new PodBuilder(pod("p", null, null).build()).editSpec().withNewAffinity().withNewNodeAffinity()
                .withNewRequiredDuringSchedulingIgnoredDuringExecution().endRequiredDuringSchedulingIgnoredDuringExecution()
                .endNodeAffinity().endAffinity().endSpec().build();
        assertThat(fits(PodInfo.of(noTerms), ssdA)).isFalse();
    }

    @Test
    void preferredTermsScoreBySumOfWeightsScaledToTheBest() {
        Pod pod = new PodBuilder(pod("p", null, null).build()).editSpec().withNewAffinity().withNewNodeAffinity()
                .addNewPreferredDuringSchedulingIgnoredDuringExecution().withWeight(80).withPreference(term(req("disk", "In", "ssd"))).endPreferredDuringSchedulingIgnoredDuringExecution()
                .addNewPreferredDuringSchedulingIgnoredDuringExecution().withWeight(20).withPreference(term(req("zone", "Exists"))).endPreferredDuringSchedulingIgnoredDuringExecution()
                .endNodeAffinity().endAffinity().endSpec().build();
        PodInfo info = PodInfo.of(pod);
        CycleState state = state(ssdA, hddB, bare);
        List<NodeInfo> nodes = List.of(ssdA, hddB, bare);

        assertThat(plugin.preScore(state, info, nodes).isSuccess()).isTrue();
        long[] scores = {plugin.score(state, info, ssdA), plugin.score(state, info, hddB), plugin.score(state, info, bare)};
        assertThat(scores).containsExactly(100, 20, 0);
        plugin.normalizeScore(state, info, nodes, scores);
        assertThat(scores).containsExactly(100, 20, 0);

        long[] small = {8, 2, 0};
        plugin.normalizeScore(state, info, nodes, small);
        assertThat(small).containsExactly(100, 25, 0);
    }

    private boolean fits(PodInfo pod, NodeInfo node) {
        return filter(pod, node).isSuccess();
    }

    private Status filter(PodInfo pod, NodeInfo node) {
        CycleState state = state(ssdA, hddB, bare);
        Status pre = plugin.preFilter(state, pod);
        assertThat(pre.isSuccess()).isTrue();
        return plugin.filter(state, pod, node);
    }

    private static PodInfo required(io.fabric8.kubernetes.api.model.NodeSelectorTerm... terms) {
        return PodInfo.of(withAffinity(terms));
    }

    private static Pod withAffinity(io.fabric8.kubernetes.api.model.NodeSelectorTerm... terms) {
        return new PodBuilder(pod("p", null, null).build()).editSpec().withNewAffinity().withNewNodeAffinity()
                .withNewRequiredDuringSchedulingIgnoredDuringExecution().addToNodeSelectorTerms(terms)
                .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity().endSpec().build();
    }

    private static io.fabric8.kubernetes.api.model.NodeSelectorTerm term(NodeSelectorRequirement... requirements) {
        return new NodeSelectorTermBuilder().addToMatchExpressions(requirements).build();
    }

    private static NodeSelectorRequirement req(String key, String operator, String... values) {
        return new NodeSelectorRequirementBuilder().withKey(key).withOperator(operator).withValues(values).build();
    }
}
