package dev.skiff.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TaintFirstSeenTest {

    private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");
    private static final Taint STAMPED = new TaintBuilder().withKey(Taints.UNREACHABLE).withEffect("NoExecute")
            .withTimeAdded("2024-05-01T11:59:00Z").build();
    private static final Taint BY_HAND = new TaintBuilder().withKey("maintenance").withEffect("NoExecute").build();

    private final TaintFirstSeen firstSeen = new TaintFirstSeen();

    @Test
    void timeAddedWinsAndATaintWithoutOneCountsFromWhenItWasFirstSeen() {
        firstSeen.observe(node(STAMPED, BY_HAND), T0);
        firstSeen.observe(node(STAMPED, BY_HAND), T0.plusSeconds(30));
        assertThat(firstSeen.addedAt("n1", STAMPED, T0.plusSeconds(40))).isEqualTo(Instant.parse("2024-05-01T11:59:00Z"));
        assertThat(firstSeen.addedAt("n1", BY_HAND, T0.plusSeconds(40))).isEqualTo(T0);
    }

    @Test
    void aTaintRemovedAndAddedAgainStartsOver() {
        firstSeen.observe(node(BY_HAND), T0);
        firstSeen.observe(node(), T0.plusSeconds(10));
        firstSeen.observe(node(BY_HAND), T0.plusSeconds(20));
        assertThat(firstSeen.addedAt("n1", BY_HAND, T0.plusSeconds(40))).isEqualTo(T0.plusSeconds(20));
    }

    @Test
    void aTaintNotObservedYetCountsFromNow() {
        assertThat(firstSeen.addedAt("n2", BY_HAND, T0)).isEqualTo(T0);
        firstSeen.observe(node(BY_HAND), T0);
        firstSeen.forget("n1");
        assertThat(firstSeen.addedAt("n1", BY_HAND, T0.plusSeconds(5))).isEqualTo(T0.plusSeconds(5));
    }

    private static Node node(Taint... taints) {
        return new NodeBuilder().withNewMetadata().withName("n1").endMetadata().withNewSpec().withTaints(taints).endSpec().build();
    }
}
