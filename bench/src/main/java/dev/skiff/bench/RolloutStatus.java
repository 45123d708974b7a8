package dev.skiff.bench;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a Deployment's status says of its rollout, and whether it is complete as
 * {@code kubectl rollout status} decides it.
 *
 * @param generation        {@code metadata.generation}
 * @param observedGeneration the generation the Deployment controller last acted on
 * @param specReplicas      the replicas asked for
 * @param replicas          pods of all its ReplicaSets, not terminating
 * @param updatedReplicas   pods of the current template
 * @param availableReplicas pods Ready (for minReadySeconds)
 * @param deadlineExceeded  whether its Progressing condition says {@code ProgressDeadlineExceeded}
 */
record RolloutStatus(long generation, long observedGeneration, int specReplicas, int replicas, int updatedReplicas,
                     int availableReplicas, boolean deadlineExceeded) {

    static RolloutStatus of(JsonNode deployment) {
        JsonNode status = deployment.path("status");
        boolean deadlineExceeded = false;
        for (JsonNode condition : status.path("conditions")) {
            deadlineExceeded |= condition.path("type").asText().equals("Progressing")
                    && condition.path("reason").asText().equals("ProgressDeadlineExceeded");
        }
        return new RolloutStatus(deployment.path("metadata").path("generation").asLong(), status.path("observedGeneration").asLong(),
                deployment.path("spec").path("replicas").asInt(1), status.path("replicas").asInt(),
                status.path("updatedReplicas").asInt(), status.path("availableReplicas").asInt(), deadlineExceeded);
    }

    /**
     * Whether the rollout of a change written at WRITTEN_GENERATION (or later) is complete: the
     * controller has seen it, and every replica asked for is updated and available, with no other left.
     */
    boolean complete(long writtenGeneration) {
        return observedGeneration >= Math.max(generation, writtenGeneration)
                && updatedReplicas == specReplicas && replicas == specReplicas && availableReplicas == specReplicas;
    }

    /** Where the rollout stands, in kubectl's words. */
    String describe(long writtenGeneration) {
        if (observedGeneration < Math.max(generation, writtenGeneration)) {
            return "waiting for deployment spec update to be observed (generation " + Math.max(generation, writtenGeneration)
                    + ", observed " + observedGeneration + ")";
        }
        if (updatedReplicas < specReplicas) {
            return updatedReplicas + " out of " + specReplicas + " new replicas have been updated";
        }
        if (replicas > updatedReplicas) {
            return (replicas - updatedReplicas) + " old replicas are pending termination";
        }
        if (availableReplicas < updatedReplicas) {
            return availableReplicas + " of " + updatedReplicas + " updated replicas are available";
        }
        return complete(writtenGeneration) ? "successfully rolled out"
                : "replicas " + replicas + ", updated " + updatedReplicas + ", available " + availableReplicas + " of " + specReplicas;
    }
}
