package dev.skiff.api.defaults;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSpec;

import java.util.LinkedHashMap;

/** A node reporting its capacity but not its allocatable resources can allocate all of its capacity. */
public final class NodeDefaults {

    private NodeDefaults() {
    }

    public static void apply(Node node) {
        if (node.getSpec() == null) {
            node.setSpec(new NodeSpec());
        }
        if (node.getStatus() != null && node.getStatus().getCapacity() != null
                && (node.getStatus().getAllocatable() == null || node.getStatus().getAllocatable().isEmpty())) {
            node.getStatus().setAllocatable(new LinkedHashMap<>(node.getStatus().getCapacity()));
        }
    }
}
