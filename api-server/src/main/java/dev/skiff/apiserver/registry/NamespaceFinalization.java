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

    /**
     * Marks a namespace Terminating; true if its spec finalizers keep it for now. A namespace that
     * is terminating already and still has spec finalizers cannot be deleted again (409), as in
     * Kubernetes: the namespace controller removes it once it is empty.
     */
    static boolean begin(ResourceType type, ObjectNode namespace) {
        if (!isNamespace(type)) {
            return false;
        }
        String name = ObjectMeta.name(namespace);
        if (UNDELETABLE.contains(name)) {
            throw ApiException.forbidden("namespaces \"" + name + "\" is forbidden: this namespace may not be deleted");
        }
        if (ObjectMeta.isDeleting(namespace) && pending(type, namespace)) {
            throw ApiException.conflict("", "namespaces", name, "The system is ensuring all content is removed from this "
                    + "namespace.  Upon completion, this namespace will automatically be purged by the system.");
        }
        namespace.with("status").put("phase", "Terminating");
        return pending(type, namespace);
    }

    /**
     * Keeps the stored spec finalizers on an update of the namespace itself, as Kubernetes' namespace
     * strategy does: only the {@code finalize} subresource changes them.
     */
    static void keepSpecFinalizers(ResourceType type, ObjectNode next, ObjectNode old) {
        if (!isNamespace(type)) {
            return;
        }
        JsonNode finalizers = old.path("spec").get("finalizers");
        if (finalizers == null) {
            if (next.get("spec") instanceof ObjectNode spec) {
                spec.remove("finalizers");
            }
        } else {
            next.with("spec").set("finalizers", finalizers.deepCopy());
        }
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
