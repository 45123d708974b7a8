package dev.skiff.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.resource.ResourceType;

/**
 * What status a new object starts with. As in Kubernetes, a client cannot create an object with a
 * status of its choosing — except a Node, whose kubelet registers it with its status.
 */
final class StatusOnCreate {

    private StatusOnCreate() {
    }

    static void reset(ResourceType type, ObjectNode object) {
        switch (type.kind()) {
            case "Node" -> {
                // the kubelet's registration carries capacity, addresses and conditions
            }
            case "Pod" -> object.putObject("status").put("phase", "Pending");
            default -> object.remove("status");
        }
    }
}
