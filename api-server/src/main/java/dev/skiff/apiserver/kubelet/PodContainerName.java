package dev.skiff.apiserver.kubelet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.status.ApiException;
import java.util.ArrayList;
import java.util.List;

/** Which of a pod's containers a {@code log} or {@code exec} request is about, as Kubernetes' api-server decides it. */
final class PodContainerName {

    private PodContainerName() {
    }

    /**
     * The container asked for, which must be one of the pod's (init, app or ephemeral) containers;
     * without one, the pod's only app container.
     */
    static String resolve(ObjectNode pod, String podName, String requested) {
        JsonNode spec = pod.path("spec");
        List<String> all = new ArrayList<>();
        for (String field : List.of("initContainers", "containers", "ephemeralContainers")) {
            spec.path(field).forEach(c -> all.add(c.path("name").asText()));
        }
        if (requested != null && !requested.isEmpty()) {
            if (!all.contains(requested)) {
                throw ApiException.badRequest("container " + requested + " is not valid for pod " + podName);
            }
            return requested;
        }
        JsonNode containers = spec.path("containers");
        if (containers.size() == 1) {
            return containers.get(0).path("name").asText();
        }
        throw ApiException.badRequest("a container name must be specified for pod " + podName + ", choose one of: ["
                + String.join(" ", all) + "]");
    }
}
