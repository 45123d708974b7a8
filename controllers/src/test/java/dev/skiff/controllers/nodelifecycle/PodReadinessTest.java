package dev.skiff.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class PodReadinessTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    @Test
    void aReadyPodTurnsNotReadyAndTheCacheCopyIsUntouched() {
        Pod pod = pod(condition("PodScheduled", "True"), condition("Ready", "True"));
        Pod marked = PodReadiness.markedNotReady(pod, NOW).orElseThrow();
        assertThat(marked.getStatus().getConditions()).extracting(c -> c.getType() + "=" + c.getStatus())
                .containsExactly("PodScheduled=True", "Ready=False");
        assertThat(marked.getStatus().getConditions().get(1).getLastTransitionTime()).isEqualTo("2024-05-01T12:00:00Z");
        assertThat(pod.getStatus().getConditions().get(1).getStatus()).isEqualTo("True");
    }

    @Test
    void aPodNotReadyAlreadyOrWithoutReadinessIsLeftAlone() {
        assertThat(PodReadiness.markedNotReady(pod(condition("Ready", "False")), NOW)).isEmpty();
        assertThat(PodReadiness.markedNotReady(pod(condition("PodScheduled", "True")), NOW)).isEmpty();
        assertThat(PodReadiness.markedNotReady(new PodBuilder().withNewMetadata().withName("p").endMetadata().build(), NOW)).isEmpty();
    }

    private static Pod pod(PodCondition... conditions) {
        return new PodBuilder().withNewMetadata().withName("p").withNamespace("ns").endMetadata()
                .withNewStatus().withPhase("Running").withConditions(conditions).endStatus().build();
    }

    private static PodCondition condition(String type, String status) {
        return new PodConditionBuilder().withType(type).withStatus(status).withLastTransitionTime("2024-05-01T11:00:00Z").build();
    }
}
