package dev.skiff.controllers.endpoints;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;

/**
 * Whether a pod belongs in a service's endpoints, and whether it counts as ready, as Kubernetes'
 * {@code ShouldPodBeInEndpoints} and {@code IsPodReady} decide: a pod needs an IP, must not have
 * finished (Succeeded, Failed), and must not be terminating unless terminating pods are tolerated.
 */
final class PodEligibility {

    private PodEligibility() {
    }

    /** True if the pod is listed in endpoints at all; {@code includeTerminating} keeps pods being deleted. */
    static boolean belongsInEndpoints(Pod pod, boolean includeTerminating) {
        if (pod.getStatus() == null) {
            return false;
        }
        String phase = pod.getStatus().getPhase();
        if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
            return false;
        }
        String ip = pod.getStatus().getPodIP();
        if (ip == null || ip.isEmpty()) {
            return false;
        }
        return includeTerminating || pod.getMetadata().getDeletionTimestamp() == null;
    }

    /** True if the pod's Ready condition is True. */
    static boolean isReady(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return false;
        }
        for (PodCondition condition : pod.getStatus().getConditions()) {
            if ("Ready".equals(condition.getType())) {
                return "True".equals(condition.getStatus());
            }
        }
        return false;
    }
}
