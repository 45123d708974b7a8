package dev.skiff.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RolloutStatusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The status of a Deployment of 10 replicas whose controller has rolled out generation 2. */
    private static final String ROLLED_OUT_AT_2 = """
            {"observedGeneration":2,"replicas":10,"updatedReplicas":10,"availableReplicas":10}""";

    private static RolloutStatus status(long generation, String status) throws Exception {
        JsonNode deployment = JSON.readTree("""
                {"metadata":{"generation":%d},"spec":{"replicas":10},"status":%s}""".formatted(generation, status));
        return RolloutStatus.of(deployment);
    }

    @Test
    void completeOnceEveryReplicaIsUpdatedAndAvailableAndNoOldOneIsLeft() throws Exception {
        assertThat(status(2, ROLLED_OUT_AT_2).complete(2)).isTrue();
        assertThat(status(2, ROLLED_OUT_AT_2).describe(2)).isEqualTo("successfully rolled out");
    }

    @Test
    void notCompleteBeforeTheControllerHasSeenTheChange() throws Exception {
        assertThat(status(3, ROLLED_OUT_AT_2).complete(3)).isFalse();
        assertThat(status(3, ROLLED_OUT_AT_2).describe(3)).startsWith("waiting for deployment spec update to be observed");
        // the generation written counts even when the object read is older
        assertThat(status(2, ROLLED_OUT_AT_2).complete(3)).isFalse();
    }

    @Test
    void saysWhatTheRolloutWaitsForInKubectlsWords() throws Exception {
        assertThat(status(2, """
                {"observedGeneration":2,"replicas":13,"updatedReplicas":5,"availableReplicas":8}""").describe(2))
                .isEqualTo("5 out of 10 new replicas have been updated");
        assertThat(status(2, """
                {"observedGeneration":2,"replicas":12,"updatedReplicas":10,"availableReplicas":10}""").describe(2))
                .isEqualTo("2 old replicas are pending termination");
        assertThat(status(2, """
                {"observedGeneration":2,"replicas":10,"updatedReplicas":10,"availableReplicas":7}""").describe(2))
                .isEqualTo("7 of 10 updated replicas are available");
    }

    @Test
    void aMissingStatusIsNotComplete() throws Exception {
        RolloutStatus fresh = RolloutStatus.of(JSON.readTree("""
                {"metadata":{"generation":1},"spec":{"replicas":10}}"""));

        assertThat(fresh.complete(1)).isFalse();
        assertThat(fresh.deadlineExceeded()).isFalse();
    }

    @Test
    void readsAnExceededProgressDeadline() throws Exception {
        assertThat(status(2, """
                {"observedGeneration":2,"conditions":[{"type":"Available","status":"True","reason":"MinimumReplicasAvailable"},\
                {"type":"Progressing","status":"False","reason":"ProgressDeadlineExceeded"}]}""").deadlineExceeded()).isTrue();
    }
}
