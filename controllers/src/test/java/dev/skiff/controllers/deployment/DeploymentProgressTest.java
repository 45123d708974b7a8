package dev.skiff.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.skiff.controllers.deployment.Fixtures.T0;
import static dev.skiff.controllers.deployment.Fixtures.rolling;
import static dev.skiff.controllers.deployment.Fixtures.rs;
import static org.assertj.core.api.Assertions.assertThat;

class DeploymentProgressTest {

    private static DeploymentStatus status(int replicas, int updated, int available) {
        return new DeploymentStatusBuilder().withObservedGeneration(1L).withReplicas(replicas).withUpdatedReplicas(updated)
                .withReadyReplicas(available).withAvailableReplicas(available).build();
    }

    @Test
    void completeWhenEveryReplicaIsUpdatedAndAvailableAndTheSpecSeen() {
        Deployment deployment = rolling(3, "1", "0");

        assertThat(DeploymentProgress.complete(deployment, status(3, 3, 3))).isTrue();
        assertThat(DeploymentProgress.complete(deployment, status(4, 3, 3))).isFalse();
        assertThat(DeploymentProgress.complete(deployment, status(3, 3, 2))).isFalse();
        Deployment newer = new DeploymentBuilder(deployment).editMetadata().withGeneration(2L).endMetadata().build();
        assertThat(DeploymentProgress.complete(newer, status(3, 3, 3))).isFalse();
    }

    @Test
    void progressIsMoreUpdatedReadyOrAvailablePodsOrFewerOldOnes() {
        Deployment deployment = new DeploymentBuilder(rolling(3, "1", "0")).withStatus(status(4, 1, 3)).build();

        assertThat(DeploymentProgress.progressing(deployment, status(4, 2, 3))).isTrue();
        assertThat(DeploymentProgress.progressing(deployment, status(3, 1, 3))).isTrue();
        assertThat(DeploymentProgress.progressing(deployment, status(4, 1, 3))).isFalse();
        assertThat(DeploymentProgress.progressing(deployment, status(4, 1, 2))).isFalse();
    }

    @Test
    void timesOutOnceTheDeadlinePassesSinceTheLastProgress() {
        Deployment deployment = new DeploymentBuilder(rolling(3, "1", "0")).editSpec().withProgressDeadlineSeconds(30).endSpec().build();
        DeploymentStatus status = status(3, 3, 0);
        DeploymentConditions.set(status, DeploymentConditions.create(DeploymentConditions.PROGRESSING, "True",
                DeploymentConditions.RS_UPDATED, "ReplicaSet \"web-1\" is progressing.", T0));

        assertThat(DeploymentProgress.timedOut(deployment, status, T0.plusSeconds(29))).isFalse();
        assertThat(DeploymentProgress.untilDeadline(deployment, status, T0.plusSeconds(29)))
                .hasValueSatisfying(wait -> assertThat(wait).isBetween(Duration.ofSeconds(1), Duration.ofMillis(1100)));
        assertThat(DeploymentProgress.timedOut(deployment, status, T0.plusSeconds(31))).isTrue();

        DeploymentConditions.set(status, DeploymentConditions.create(DeploymentConditions.PROGRESSING, "True",
                DeploymentConditions.NEW_RS_AVAILABLE, "done", T0));
        assertThat(DeploymentProgress.timedOut(deployment, status, T0.plusSeconds(300))).isFalse();
        assertThat(DeploymentProgress.untilDeadline(deployment, status, T0)).isEmpty();
    }

    @Test
    void aDeploymentWithoutDeadlineNeverTimesOut() {
        Deployment deployment = new DeploymentBuilder(rolling(3, "1", "0")).editSpec()
                .withProgressDeadlineSeconds(Integer.MAX_VALUE).endSpec().build();

        assertThat(DeploymentProgress.hasDeadline(deployment)).isFalse();
        assertThat(DeploymentProgress.untilDeadline(deployment, status(0, 0, 0), T0)).isEmpty();
    }

    @Test
    void statusCountsTheReplicaSetsAndSaysWhetherEnoughAreAvailable() {
        Deployment deployment = rolling(4, "1", "1");
        DeploymentStatus status = DeploymentStatusCalculator.calculate(deployment,
                List.of(rs("old", 0, 2, 2), rs("new", 10, 3, 1)), rs("new", 10, 3, 1), T0);

        assertThat(status.getReplicas()).isEqualTo(5);
        assertThat(status.getUpdatedReplicas()).isEqualTo(3);
        assertThat(status.getAvailableReplicas()).isEqualTo(3);
        assertThat(status.getUnavailableReplicas()).isEqualTo(2);
        assertThat(DeploymentConditions.get(status, DeploymentConditions.AVAILABLE)).hasValueSatisfying(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getReason()).isEqualTo(DeploymentConditions.MINIMUM_AVAILABLE);
        });

        DeploymentStatus short1 = DeploymentStatusCalculator.calculate(deployment, List.of(rs("new", 10, 4, 2)), null, T0);
        assertThat(DeploymentConditions.get(short1, DeploymentConditions.AVAILABLE)).hasValueSatisfying(
                c -> assertThat(c.getReason()).isEqualTo(DeploymentConditions.MINIMUM_UNAVAILABLE));
    }

    @Test
    void settingAConditionKeepsTheTransitionTimeWhileTheStatusStays() {
        DeploymentStatus status = new DeploymentStatus();
        DeploymentConditions.set(status, DeploymentConditions.create(DeploymentConditions.PROGRESSING, "True",
                DeploymentConditions.NEW_RS_CREATED, "created", T0));
        DeploymentConditions.set(status, DeploymentConditions.create(DeploymentConditions.PROGRESSING, "True",
                DeploymentConditions.RS_UPDATED, "progressing", T0.plusSeconds(60)));

        assertThat(status.getConditions()).singleElement().satisfies(c -> {
            assertThat(c.getReason()).isEqualTo(DeploymentConditions.RS_UPDATED);
            assertThat(c.getLastTransitionTime()).isEqualTo("2024-05-01T10:00:00Z");
            assertThat(c.getLastUpdateTime()).isEqualTo("2024-05-01T10:01:00Z");
        });
    }
}
