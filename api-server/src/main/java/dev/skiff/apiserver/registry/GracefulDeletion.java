package dev.skiff.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.resource.ResourceType;
import dev.skiff.api.status.ApiException;
import io.fabric8.kubernetes.api.model.DeleteOptions;

/**
 * The grace period of a deletion, as Kubernetes' pod strategy decides it: only pods have one; it
 * is the request's gracePeriodSeconds, else the pod's terminationGracePeriodSeconds; a pod that
 * no kubelet runs (not bound, or already finished) goes at once.
 */
final class GracefulDeletion {

    static final long DEFAULT_POD_GRACE_SECONDS = 30;

    private GracefulDeletion() {
    }

    static long gracePeriod(ResourceType type, ObjectNode pod, DeleteOptions options) {
        Long requested = options == null ? null : options.getGracePeriodSeconds();
        if (requested != null && requested < 0) {
            throw ApiException.badRequest("gracePeriodSeconds must not be negative");
        }
        if (!type.group().isEmpty() || !"Pod".equals(type.kind())) {
            return 0;
        }
        JsonNode spec = pod.path("spec");
        String phase = pod.path("status").path("phase").asText("");
        if (spec.path("nodeName").asText("").isEmpty() || phase.equals("Succeeded") || phase.equals("Failed")) {
            return 0;
        }
        if (requested != null) {
            return requested;
        }
        return spec.path("terminationGracePeriodSeconds").asLong(DEFAULT_POD_GRACE_SECONDS);
    }
}
