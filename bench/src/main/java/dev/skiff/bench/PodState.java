package dev.skiff.bench;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the cluster benchmarks need to know of a pod, read from its JSON.
 *
 * @param name              its name
 * @param node              the node it is bound to, empty while it is not
 * @param image             its first container's image
 * @param phase             {@code status.phase}, empty before the kubelet wrote one
 * @param runningAndReady   phase {@code Running} and the {@code Ready} condition {@code True}
 * @param markedForDeletion whether it has a {@code deletionTimestamp} (or is gone)
 * @param gone              whether the api-server has deleted it
 */
record PodState(String name, String node, String image, String phase, boolean runningAndReady, boolean markedForDeletion,
                boolean gone) {

    static PodState of(JsonNode pod) {
        JsonNode status = pod.path("status");
        return new PodState(pod.path("metadata").path("name").asText(),
                pod.path("spec").path("nodeName").asText(""),
                pod.path("spec").path("containers").path(0).path("image").asText(""),
                status.path("phase").asText(""),
                runningAndReady(status),
                pod.path("metadata").hasNonNull("deletionTimestamp"),
                false);
    }

    /** The same pod, deleted from the api-server. */
    PodState deleted() {
        return new PodState(name, node, image, phase, runningAndReady, true, true);
    }

    /** Whether a pod status says phase {@code Running} and condition {@code Ready=True}. */
    static boolean runningAndReady(JsonNode status) {
        if (!status.path("phase").asText("").equals("Running")) {
            return false;
        }
        for (JsonNode condition : status.path("conditions")) {
            if (condition.path("type").asText().equals("Ready")) {
                return condition.path("status").asText().equals("True");
            }
        }
        return false;
    }

    /** Not marked for deletion: a pod its ReplicaSet still counts. */
    boolean active() {
        return !markedForDeletion;
    }

    /** Active, Running and Ready: serving. */
    boolean serving() {
        return active() && runningAndReady;
    }

    @Override
    public String toString() {
        String state = gone ? "deleted" : markedForDeletion ? "terminating" : phase.isEmpty() ? "no phase yet"
                : runningAndReady ? "Running and Ready" : phase + ", not ready";
        return name + " (" + (node.isEmpty() ? "not bound" : "on " + node) + ", " + image + ": " + state + ")";
    }
}
