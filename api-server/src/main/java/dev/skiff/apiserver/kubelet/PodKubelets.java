package dev.skiff.apiserver.kubelet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.resource.ResourceRegistry;
import dev.skiff.api.resource.ResourceType;
import dev.skiff.api.status.ApiException;
import dev.skiff.apiserver.registry.ResourceOperations;
import jakarta.enterprise.context.ApplicationScoped;

/** Where the kubelet of a pod's node serves, for the requests the api-server passes on to it (log, exec). */
@ApplicationScoped
public class PodKubelets {

    private final ResourceOperations operations;
    private final ResourceType nodes;

    public PodKubelets(ResourceRegistry registry, ResourceOperations operations) {
        this.operations = operations;
        this.nodes = registry.find("", "v1", "nodes").orElseThrow();
    }

    /** The kubelet of the pod's node: 400 when the pod is not bound, 404 when its node is gone, 503 when the node has no endpoint. */
    KubeletEndpoint of(ObjectNode pod, String podName) {
        String nodeName = pod.path("spec").path("nodeName").asText("");
        if (nodeName.isEmpty()) {
            throw ApiException.badRequest("pod " + podName + " does not have a host assigned");
        }
        return KubeletEndpoint.of(operations.get(nodes, null, nodeName));
    }
}
