package dev.skiff.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.resource.ResourceType;

/**
 * What status a new object starts with. As in Kubernetes, a client cannot create an object with a
 * status of its choosing — except a Node, whose kubelet registers it with its status. The
 * strategy's defaults then fill in the initial status (a pod's Pending phase).
 */
final class StatusOnCreate {

    private StatusOnCreate() {
    }

    static void reset(ResourceType type, ObjectNode object) {
        // a Node's registration by its kubelet carries capacity, addresses and conditions
        if (!type.kind().equals("Node")) {
            object.remove("status");
        }
    }
}
