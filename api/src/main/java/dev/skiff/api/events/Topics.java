package dev.skiff.api.events;

import dev.skiff.api.resource.ResourceType;

/**
 * Names of the event topics: one compacted topic per resource, {@code <prefix>.<group>.<plural>}
 * with {@code core} for the legacy group (e.g. {@code skiff.core.pods},
 * {@code skiff.apps.deployments}), and the pods-by-node topic a kubelet reads its own pods from.
 * The prefix lets several clusters share one Kafka.
 */
public record Topics(String prefix) {

    /** The topic of every change to objects of the type. */
    public String of(ResourceType type) {
        return prefix + "." + type.groupOrCore() + "." + type.plural();
    }

    /** The topic of pods bound to a node, partitioned by node name. */
    public String podsByNode() {
        return prefix + ".core.pods-by-node";
    }

    /** The record key of an object: {@code namespace/name}, or {@code name} when cluster-scoped. */
    public static String key(String namespace, String name) {
        return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
    }
}
