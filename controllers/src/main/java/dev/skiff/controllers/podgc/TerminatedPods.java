package dev.skiff.controllers.podgc;

import io.fabric8.kubernetes.api.model.Pod;

import java.util.Comparator;
import java.util.List;

/**
 * Finished pods (phase Succeeded or Failed) beyond the terminated-pod threshold, in the order
 * Kubernetes' pod GC deletes them: evicted pods first, then the oldest by creation, then by name.
 */
final class TerminatedPods {

    private static final Comparator<Pod> DELETE_ORDER = Comparator
            .comparing((Pod pod) -> !"Evicted".equals(pod.getStatus().getReason()))
            .thenComparing(pod -> nullToEmpty(pod.getMetadata().getCreationTimestamp()))
            .thenComparing(pod -> nullToEmpty(pod.getMetadata().getNamespace()))
            .thenComparing(pod -> nullToEmpty(pod.getMetadata().getName()));

    private TerminatedPods() {
    }

    static boolean isTerminated(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    /** The finished pods to delete so that {@code threshold} remain; none when the threshold is 0 or less. */
    static List<Pod> beyondThreshold(List<Pod> pods, int threshold) {
        if (threshold <= 0) {
            return List.of();
        }
        List<Pod> terminated = pods.stream().filter(TerminatedPods::isTerminated).toList();
        int excess = terminated.size() - threshold;
        if (excess <= 0) {
            return List.of();
        }
        return terminated.stream().sorted(DELETE_ORDER).limit(excess).toList();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
