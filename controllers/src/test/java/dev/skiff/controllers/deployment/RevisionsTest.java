package dev.skiff.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.skiff.controllers.deployment.Fixtures.annotated;
import static dev.skiff.controllers.deployment.Fixtures.rolling;
import static dev.skiff.controllers.deployment.Fixtures.rs;
import static org.assertj.core.api.Assertions.assertThat;

class RevisionsTest {

    @Test
    void theNextRevisionIsOneAboveTheHighest() {
        List<ReplicaSet> olds = List.of(annotated(rs("a", 0, 0, 0), Revisions.REVISION, "3"),
                annotated(rs("b", 1, 0, 0), Revisions.REVISION, "7"), rs("c", 2, 0, 0),
                annotated(rs("d", 3, 0, 0), Revisions.REVISION, "garbage"));

        assertThat(Revisions.maxRevision(olds) + 1).isEqualTo(8);
        assertThat(Revisions.maxRevision(List.of())).isZero();
    }

    @Test
    void aNewReplicaSetGetsTheRevisionTheDeploymentsAnnotationsAndItsReplicaAnnotations() {
        Deployment deployment = new DeploymentBuilder(rolling(4, "1", "0")).editMetadata()
                .addToAnnotations("kubernetes.io/change-cause", "kubectl set image")
                .addToAnnotations(Revisions.REVISION, "2")
                .addToAnnotations("kubectl.kubernetes.io/last-applied-configuration", "{}")
                .endMetadata().build();
        ReplicaSet rs = rs("new", 0, 0, 0);

        assertThat(Revisions.updateNewReplicaSetAnnotations(deployment, rs, 3, false, 1)).isTrue();

        assertThat(rs.getMetadata().getAnnotations())
                .containsEntry(Revisions.REVISION, "3")
                .containsEntry("kubernetes.io/change-cause", "kubectl set image")
                .containsEntry(Revisions.DESIRED_REPLICAS, "4")
                .containsEntry(Revisions.MAX_REPLICAS, "5")
                .doesNotContainKey("kubectl.kubernetes.io/last-applied-configuration")
                .doesNotContainKey(Revisions.REVISION_HISTORY);
    }

    @Test
    void aRollbackBumpsTheOldReplicaSetsRevisionAndKeepsItsHistory() {
        Deployment deployment = rolling(4, "1", "0");
        ReplicaSet old = annotated(annotated(rs("old", 0, 0, 0), Revisions.REVISION, "1"), Revisions.REVISION_HISTORY, "");

        assertThat(Revisions.updateNewReplicaSetAnnotations(deployment, old, 3, true, 1)).isTrue();
        assertThat(old.getMetadata().getAnnotations()).containsEntry(Revisions.REVISION, "3")
                .containsEntry(Revisions.REVISION_HISTORY, "1");

        assertThat(Revisions.updateNewReplicaSetAnnotations(deployment, old, 5, true, 1)).isTrue();
        assertThat(old.getMetadata().getAnnotations()).containsEntry(Revisions.REVISION, "5")
                .containsEntry(Revisions.REVISION_HISTORY, "1,3")
                .doesNotContainKey(Revisions.DESIRED_REPLICAS);
    }

    @Test
    void anUpToDateReplicaSetIsLeftAlone() {
        Deployment deployment = rolling(4, "1", "0");
        ReplicaSet current = annotated(rs("cur", 0, 4, 4), Revisions.REVISION, "3");

        assertThat(Revisions.updateNewReplicaSetAnnotations(deployment, current, 3, true, 1)).isFalse();
        assertThat(Revisions.updateNewReplicaSetAnnotations(deployment, current, 2, true, 1)).isFalse();
        assertThat(Revisions.revision(current)).isEqualTo(3);
    }

    @Test
    void replicaAnnotations() {
        ReplicaSet rs = rs("r", 0, 1, 1);

        assertThat(Revisions.desiredReplicas(rs)).isEqualTo(-1);
        assertThat(Revisions.replicasAnnotationsNeedUpdate(rs, 3, 4)).isTrue();
        assertThat(Revisions.setReplicasAnnotations(rs, 3, 4)).isTrue();
        assertThat(Revisions.setReplicasAnnotations(rs, 3, 4)).isFalse();
        assertThat(Revisions.replicasAnnotationsNeedUpdate(rs, 3, 4)).isFalse();
        assertThat(Revisions.desiredReplicas(rs)).isEqualTo(3);
        assertThat(Revisions.maxReplicas(rs)).isEqualTo(4);
    }
}
