package dev.skiff.api.resource;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.List;
import java.util.Set;

/**
 * Everything Skiff knows about one kind of resource: where it lives in the API, how it is named,
 * and the strategy that defaults, validates and prepares it. A new resource is one of these added
 * to {@link ResourceRegistry}.
 *
 * @param group        API group, "" for the legacy core group
 * @param version      API version, e.g. "v1"
 * @param kind         e.g. "Pod"
 * @param plural       e.g. "pods"; also the storage prefix
 * @param singular     e.g. "pod"
 * @param shortNames   e.g. ["po"]
 * @param namespaced   true if objects live in a namespace
 * @param subresources e.g. ["status", "binding"]
 * @param categories   e.g. ["all"]
 * @param type         the fabric8 model class
 * @param strategy     defaults, validation and server-set fields
 */
public record ResourceType(
        String group,
        String version,
        String kind,
        String plural,
        String singular,
        List<String> shortNames,
        boolean namespaced,
        Set<String> subresources,
        List<String> categories,
        Class<? extends HasMetadata> type,
        ResourceStrategy strategy) {

    /** "v1" for the core group, "apps/v1" otherwise. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** The group as Skiff names it in storage and topics: "core" for the legacy group. */
    public String groupOrCore() {
        return group.isEmpty() ? "core" : group;
    }

    /** "pods" for the core group, "deployments.apps" otherwise, as Kubernetes names a resource in messages. */
    public String qualifiedName() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    public boolean hasSubresource(String name) {
        return subresources.contains(name);
    }

    /** The kind of the list, e.g. "PodList". */
    public String listKind() {
        return kind + "List";
    }
}
