package dev.skiff.controllers.replicaset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.skiff.controllers.replicaset.Pods.pod;
import static dev.skiff.controllers.replicaset.Pods.running;
import static dev.skiff.controllers.replicaset.Pods.withRestarts;
import static org.assertj.core.api.Assertions.assertThat;

class PodDeletionOrderTest {

    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    private static List<String> order(List<Pod> pods) {
        return PodDeletionOrder.rankedBy(List.of()).firstToDelete(pods, pods.size()).stream()
                .map(p -> p.getMetadata().getName()).toList();
    }

    @Test
    void unscheduledBeforePendingOnANodeBeforeNotReadyBeforeReady() {
        Pod ready = running("ready", T0, "n1", T0).build();
        Pod notReady = running("not-ready", T0, "n1", null).build();
        Pod pendingOnNode = pod("pending-on-node", T0).editSpec().withNodeName("n1").endSpec().build();
        Pod unscheduled = pod("unscheduled", T0).build();
        Pod unknown = pod("unknown", T0).editSpec().withNodeName("n1").endSpec().editStatus().withPhase("Unknown").endStatus().build();

        assertThat(order(List.of(ready, notReady, unknown, pendingOnNode, unscheduled)))
                .containsExactly("unscheduled", "pending-on-node", "unknown", "not-ready", "ready");
    }

    @Test
    void amongReadyPodsRecentlyReadyThenMoreRestartsThenNewerGoFirst() {
        Pod longReady = running("long-ready", T0, "n1", T0.plusSeconds(10)).build();
        Pod recentlyReady = running("recently-ready", T0, "n1", T0.plusSeconds(100)).build();
        Pod restarted = withRestarts(running("restarted", T0, "n1", T0.plusSeconds(10)).build(), 3);
        Pod newer = running("newer", T0.plusSeconds(5), "n1", T0.plusSeconds(10)).build();

        assertThat(order(List.of(longReady, restarted, newer, recentlyReady)))
                .containsExactly("recently-ready", "restarted", "newer", "long-ready");
    }

    @Test
    void podsOnACrowdedNodeGoBeforePodsOnAQuietOne() {
        Pod crowdedA = running("crowded-a", T0, "busy", T0).build();
        Pod crowdedB = running("crowded-b", T0, "busy", T0).build();
        Pod alone = running("alone", T0, "quiet", T0).build();

        List<Pod> victims = PodDeletionOrder.rankedBy(List.of(crowdedA, crowdedB, alone))
                .firstToDelete(List.of(alone, crowdedA, crowdedB), 1);

        assertThat(victims).hasSize(1);
        assertThat(victims.get(0).getSpec().getNodeName()).isEqualTo("busy");
    }

    @Test
    void lowerDeletionCostGoesFirst() {
        Pod cheap = new PodBuilder(running("cheap", T0, "n1", T0).build()).editMetadata()
                .addToAnnotations(PodDeletionOrder.DELETION_COST, "-10").endMetadata().build();
        Pod dear = new PodBuilder(running("dear", T0.plusSeconds(60), "n1", T0.plusSeconds(60)).build()).editMetadata()
                .addToAnnotations(PodDeletionOrder.DELETION_COST, "100").endMetadata().build();
        Pod plain = running("plain", T0, "n1", T0).build();

        assertThat(order(List.of(dear, plain, cheap))).containsExactly("cheap", "plain", "dear");
    }

    @Test
    void firstToDeleteTakesOnlyTheCount() {
        Pod a = pod("a", T0).build();
        Pod b = running("b", T0, "n1", T0).build();

        assertThat(PodDeletionOrder.rankedBy(List.of()).firstToDelete(List.of(b, a), 1))
                .extracting(p -> p.getMetadata().getName()).containsExactly("a");
        assertThat(PodDeletionOrder.rankedBy(List.of()).firstToDelete(List.of(b, a), 0)).isEmpty();
    }
}
