package dev.skiff.controllers.replicaset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.skiff.controllers.replicaset.Pods.pod;
import static dev.skiff.controllers.replicaset.Pods.running;
import static org.assertj.core.api.Assertions.assertThat;

class ReplicaSetStatusCalculatorTest {

    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    private static ReplicaSet rs(int minReadySeconds) {
        return new ReplicaSetBuilder().withNewMetadata().withName("web").withNamespace("ns").withGeneration(4L).endMetadata()
                .withNewSpec().withReplicas(3).withMinReadySeconds(minReadySeconds)
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").addToLabels("tier", "front").endMetadata().endTemplate()
                .endSpec().build();
    }

    private static Pod labelled(PodBuilder pod, boolean fully) {
        pod.editMetadata().addToLabels("app", "web").endMetadata();
        if (fully) {
            pod.editMetadata().addToLabels("tier", "front").endMetadata();
        }
        return pod.build();
    }

    @Test
    void countsReplicasLabelsReadinessAndAvailability() {
        List<Pod> pods = List.of(
                labelled(running("old-ready", T0, "n", T0), true),
                labelled(running("new-ready", T0, "n", T0.plusSeconds(8)), true),
                labelled(pod("pending", T0), false));

        ReplicaSetStatusCalculator.Result result = ReplicaSetStatusCalculator.calculate(rs(5), pods, null, T0.plusSeconds(10));

        assertThat(result.status().getReplicas()).isEqualTo(3);
        assertThat(result.status().getFullyLabeledReplicas()).isEqualTo(2);
        assertThat(result.status().getReadyReplicas()).isEqualTo(2);
        assertThat(result.status().getAvailableReplicas()).isEqualTo(1);
        assertThat(result.status().getObservedGeneration()).isEqualTo(4L);
        assertThat(result.nextAvailable()).hasValueSatisfying(
                wait -> assertThat(wait).isBetween(Duration.ofSeconds(3), Duration.ofMillis(3100)));
    }

    @Test
    void aFailureSetsReplicaFailureUntilAPassSucceeds() {
        ReplicaSet rs = rs(0);
        ReplicaSetStatusCalculator.Result failed = ReplicaSetStatusCalculator.calculate(rs, List.of(), 
                new ReplicaSetStatusCalculator.Failure("FailedCreate", "pods \"web-\" is forbidden"), T0);

        assertThat(failed.status().getConditions()).singleElement().satisfies(c -> {
            assertThat(c.getType()).isEqualTo("ReplicaFailure");
            assertThat(c.getReason()).isEqualTo("FailedCreate");
            assertThat(c.getStatus()).isEqualTo("True");
        });

        ReplicaSet withFailure = new ReplicaSetBuilder(rs).withStatus(failed.status()).build();
        assertThat(ReplicaSetStatusCalculator.calculate(withFailure, List.of(), null, T0).status().getConditions()).isEmpty();
        assertThat(ReplicaSetStatusCalculator.same(failed.status(),
                ReplicaSetStatusCalculator.calculate(withFailure, List.of(), null, T0).status())).isFalse();
    }
}
