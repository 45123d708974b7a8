package dev.skiff.controllers.deployment;

import dev.skiff.controllers.deployment.RollingUpdatePlanner.Scale;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.skiff.controllers.deployment.Fixtures.rolling;
import static dev.skiff.controllers.deployment.Fixtures.rs;
import static org.assertj.core.api.Assertions.assertThat;

class RollingUpdatePlannerTest {

    private static List<String> describe(List<Scale> scales) {
        return scales.stream().map(s -> s.replicaSet().getMetadata().getName() + "->" + s.replicas()).toList();
    }

    @Test
    void theNewReplicaSetGrowsUpToReplicasPlusSurge() {
        Deployment deployment = rolling(10, "3", "2");
        ReplicaSet old = rs("old", 0, 10, 10);
        ReplicaSet fresh = rs("new", 10, 0, 0);

        assertThat(RollingUpdatePlanner.newReplicaSetReplicas(deployment, List.of(old, fresh), fresh)).isEqualTo(3);
        ReplicaSet shrunk = rs("old", 0, 7, 7);
        ReplicaSet grown = rs("new", 10, 3, 0);
        assertThat(RollingUpdatePlanner.newReplicaSetReplicas(deployment, List.of(shrunk, grown), grown)).isEqualTo(6);
        ReplicaSet full = rs("new", 10, 6, 0);
        assertThat(RollingUpdatePlanner.newReplicaSetReplicas(deployment, List.of(shrunk, full), full)).isEqualTo(6);
    }

    @Test
    void theNewReplicaSetNeverGrowsPastReplicas() {
        Deployment deployment = rolling(4, "100%", "0");
        ReplicaSet old = rs("old", 0, 1, 1);
        ReplicaSet fresh = rs("new", 10, 3, 3);

        assertThat(RollingUpdatePlanner.newReplicaSetReplicas(deployment, List.of(old, fresh), fresh)).isEqualTo(4);
    }

    @Test
    void oldReplicaSetsShrinkOnlyAsFarAsAvailabilityAllows() {
        Deployment deployment = rolling(10, "3", "2");
        ReplicaSet old = rs("old", 0, 10, 10);
        ReplicaSet fresh = rs("new", 10, 3, 0);

        // 13 pods wanted, 3 new ones not available: at most 13 - 8 - 3 = 2 may go
        assertThat(describe(RollingUpdatePlanner.scaleDownOld(deployment, List.of(old, fresh), List.of(old), fresh)))
                .containsExactly("old->8");
    }

    @Test
    void nothingShrinksWhileTheNewPodsAreNotAvailableAndTheBudgetIsSpent() {
        Deployment deployment = rolling(10, "3", "2");
        ReplicaSet old = rs("old", 0, 8, 8);
        ReplicaSet fresh = rs("new", 10, 5, 0);

        assertThat(RollingUpdatePlanner.scaleDownOld(deployment, List.of(old, fresh), List.of(old), fresh)).isEmpty();
    }

    @Test
    void unavailableOldPodsGoFirstThenTheOldestReplicaSet() {
        Deployment deployment = rolling(10, "0", "3");
        ReplicaSet oldest = rs("oldest", 0, 4, 4);
        ReplicaSet older = rs("older", 5, 6, 3);
        ReplicaSet fresh = rs("new", 10, 0, 0);

        // at most 10 - 7 - 0 = 3 go: the 3 unavailable pods of "older"; nothing available may go (7 available = minimum)
        assertThat(describe(RollingUpdatePlanner.scaleDownOld(deployment, List.of(oldest, older, fresh),
                List.of(older, oldest), fresh))).containsExactly("older->3");

        ReplicaSet healthy = rs("older", 5, 6, 6);
        // 10 available, minimum 7: 3 available pods go, oldest first
        assertThat(describe(RollingUpdatePlanner.scaleDownOld(deployment, List.of(oldest, healthy, fresh),
                List.of(healthy, oldest), fresh))).containsExactly("oldest->1");
    }
}
