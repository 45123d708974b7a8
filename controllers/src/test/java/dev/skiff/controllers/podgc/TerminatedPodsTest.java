package dev.skiff.controllers.podgc;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TerminatedPodsTest {

    private final List<Pod> pods = List.of(
            pod("running-old", "Running", null, "2024-05-01T10:00:00Z"),
            pod("done-3", "Succeeded", null, "2024-05-01T12:00:03Z"),
            pod("done-1", "Succeeded", null, "2024-05-01T12:00:01Z"),
            pod("failed-2", "Failed", null, "2024-05-01T12:00:02Z"),
            pod("evicted-9", "Failed", "Evicted", "2024-05-01T12:00:09Z"),
            pod("pending", "Pending", null, "2024-05-01T09:00:00Z"));

    @Test
    void theOldestFinishedPodsBeyondTheThresholdGoEvictedOnesFirst() {
        assertThat(TerminatedPods.beyondThreshold(pods, 2)).extracting(p -> p.getMetadata().getName())
                .containsExactly("evicted-9", "done-1");
        assertThat(TerminatedPods.beyondThreshold(pods, 3)).extracting(p -> p.getMetadata().getName())
                .containsExactly("evicted-9");
    }

    @Test
    void nothingGoesAtOrBelowTheThresholdOrWithoutOne() {
        assertThat(TerminatedPods.beyondThreshold(pods, 4)).isEmpty();
        assertThat(TerminatedPods.beyondThreshold(pods, 10)).isEmpty();
        assertThat(TerminatedPods.beyondThreshold(pods, 0)).isEmpty();
    }

    private static Pod pod(String name, String phase, String reason, String created) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("ns").withCreationTimestamp(created).endMetadata()
                .withNewStatus().withPhase(phase).withReason(reason).endStatus().build();
    }
}
