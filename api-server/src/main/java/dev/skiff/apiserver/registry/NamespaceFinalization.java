package dev.skiff.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.resource.ResourceType;
import dev.skiff.api.status.ApiException;

import java.util.Set;

/**
 * A namespace's own deletion protocol: deleting it sets phase Terminating; it goes away once the
 * namespace controller has emptied it and cleared {@code spec.finalizers} (through the finalize
 * subresource). The namespaces Skiff creates at start may not be deleted.
 */
final class NamespaceFinalization {

    static final Set<String> UNDELETABLE = Set.of("default", "kube-system", "kube-public");

    private NamespaceFinalization() {
    }

    /** Marks a namespace Terminating; true if its spec finalizers keep it for now. */
    static boolean begin(ResourceType type, ObjectNode namespace) {
        if (!isNamespace(type)) {
            return false;
        }
        String name = ObjectMeta.name(namespace);
        if (UNDELETABLE.contains(name)) {
            throw ApiException.forbidden("namespaces \"" + name + "\" is forbidden: this namespace may not be deleted");
        }
        namespace.with("status").put("phase", "Terminating");
        return pending(type, namespace);
    }

    /** True if the namespace still has spec finalizers to run. */
    static boolean pending(ResourceType type, ObjectNode object) {
        if (!isNamespace(type)) {
            return false;
        }
        JsonNode finalizers = object.path("spec").path("finalizers");
        return finalizers.isArray() && !finalizers.isEmpty();
    }

    private static boolean isNamespace(ResourceType type) {
        return type.group().isEmpty() && "Namespace".equals(type.kind());
    }
}
