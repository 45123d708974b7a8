package dev.skiff.controllers.replicaset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static dev.skiff.controllers.replicaset.Pods.pod;
import static dev.skiff.controllers.replicaset.Pods.running;
import static org.assertj.core.api.Assertions.assertThat;

class PodAvailabilityTest {

    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    @Test
    void finishedAndTerminatingPodsAreNotActive() {
        assertThat(PodAvailability.isActive(pod("p", T0).build())).isTrue();
        assertThat(PodAvailability.isActive(pod("p", T0).editStatus().withPhase("Succeeded").endStatus().build())).isFalse();
        assertThat(PodAvailability.isActive(pod("p", T0).editStatus().withPhase("Failed").endStatus().build())).isFalse();
        assertThat(PodAvailability.isActive(pod("p", T0).editMetadata().withDeletionTimestamp(T0.toString()).endMetadata().build()))
                .isFalse();
    }

    @Test
    void availableOnceReadyForMinReadySeconds() {
        Pod ready = running("p", T0, "n", T0).build();

        assertThat(PodAvailability.isAvailable(ready, 0, T0)).isTrue();
        assertThat(PodAvailability.isAvailable(ready, 10, T0.plusSeconds(5))).isFalse();
        assertThat(PodAvailability.untilAvailable(ready, 10, T0.plusSeconds(5))).hasValueSatisfying(
                wait -> assertThat(wait).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(6)));
        assertThat(PodAvailability.isAvailable(ready, 10, T0.plusSeconds(11))).isTrue();
    }

    @Test
    void aPodThatIsNotReadyIsNeverAvailable() {
        Pod notReady = running("p", T0, "n", null).build();
        Pod readyFalse = new PodBuilder(notReady).editStatus().addNewCondition().withType("Ready").withStatus("False")
                .endCondition().endStatus().build();

        assertThat(PodAvailability.untilAvailable(notReady, 0, T0)).isEmpty();
        assertThat(PodAvailability.isAvailable(readyFalse, 0, T0)).isFalse();
    }

    @Test
    void unreadableTimesAreIgnored() {
        assertThat(PodAvailability.timestamp("yesterday")).isEmpty();
        assertThat(PodAvailability.timestamp("2024-05-01T10:00:00+02:00")).contains(Instant.parse("2024-05-01T08:00:00Z"));
    }
}
