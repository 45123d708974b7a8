package dev.skiff.controllers.deployment;

import dev.skiff.controllers.deployment.RollingUpdatePlanner.Scale;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.skiff.controllers.deployment.Fixtures.annotated;
import static dev.skiff.controllers.deployment.Fixtures.rolling;
import static dev.skiff.controllers.deployment.Fixtures.rs;
import static org.assertj.core.api.Assertions.assertThat;

class ScalingPlannerTest {

    private static List<String> describe(List<Scale> scales) {
        return scales.stream().map(s -> s.replicaSet().getMetadata().getName() + "->" + s.replicas()).toList();
    }

    @Test
    void aLoneActiveReplicaSetTakesTheNewSize() {
        ReplicaSet current = rs("cur", 10, 3, 3);
        ReplicaSet old = rs("old", 0, 0, 0);

        assertThat(describe(ScalingPlanner.plan(rolling(5, "1", "0"), current, List.of(old)))).containsExactly("cur->5");
        assertThat(ScalingPlanner.plan(rolling(3, "1", "0"), current, List.of(old))).isEmpty();
    }

    @Test
    void withoutActiveReplicaSetsTheNewOneOrElseTheNewestOldOneIsScaled() {
        ReplicaSet older = rs("older", 0, 0, 0);
        ReplicaSet newer = rs("newer", 5, 0, 0);

        assertThat(describe(ScalingPlanner.plan(rolling(2, "1", "0"), null, List.of(newer, older)))).containsExactly("newer->2");
    }

    @Test
    void aSaturatedNewReplicaSetSendsTheOldOnesToZero() {
        ReplicaSet fresh = annotated(rs("new", 10, 4, 4), Revisions.DESIRED_REPLICAS, "4");
        ReplicaSet old = rs("old", 0, 1, 1);

        assertThat(describe(ScalingPlanner.plan(rolling(4, "1", "0"), fresh, List.of(old)))).containsExactly("old->0");
    }

    @Test
    void duringARolloutTheChangeIsSharedInProportion() {
        // was 10 replicas + 3 surge = 13: old 8, new 5; scaled to 20 replicas (+ 5 surge = 25)
        Deployment deployment = rolling(20, "25%", "0");
        ReplicaSet old = annotated(rs("old", 0, 8, 8), Revisions.MAX_REPLICAS, "13");
        ReplicaSet fresh = annotated(rs("new", 10, 5, 0), Revisions.MAX_REPLICAS, "13");

        List<Scale> scales = ScalingPlanner.plan(deployment, fresh, List.of(old));

        assertThat(describe(scales)).containsExactly("old->15", "new->10");
        assertThat(scales.stream().mapToInt(Scale::replicas).sum()).isEqualTo(25);
    }

    @Test
    void scalingDownDuringARolloutTakesFromBothAndNeverBelowZero() {
        Deployment deployment = rolling(4, "1", "0");
        ReplicaSet old = annotated(rs("old", 0, 6, 6), Revisions.MAX_REPLICAS, "11");
        ReplicaSet fresh = annotated(rs("new", 10, 5, 0), Revisions.MAX_REPLICAS, "11");

        List<Scale> scales = ScalingPlanner.plan(deployment, fresh, List.of(old));

        assertThat(scales.stream().mapToInt(Scale::replicas).sum()).isEqualTo(5);
        assertThat(scales).allSatisfy(s -> assertThat(s.replicas()).isBetween(0, 5));
    }
}
