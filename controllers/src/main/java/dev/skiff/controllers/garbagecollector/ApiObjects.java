package dev.skiff.controllers.garbagecollector;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.json.Json;
import dev.skiff.api.resource.ResourceType;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.util.List;
import java.util.Optional;

/**
 * The garbage collector's reads and writes of live objects through the api-server: a GET to
 * confirm what the cache says before acting, deletions guarded by the object's UID (another
 * object that took the name is never deleted), and metadata patches guarded by the
 * resourceVersion the decision was made on (a 409 sends the key back to the queue).
 */
final class ApiObjects {

    private final KubernetesClient client;

    ApiObjects(KubernetesClient client) {
        this.client = client;
    }

    /** The object as the api-server has it now; empty if there is none. */
    Optional<HasMetadata> get(ResourceType type, String namespace, String name) {
        return Optional.ofNullable(resource(type.type(), type.namespaced() ? namespace : null, name).get());
    }

    /** Deletes the object if it still has its UID; true if it was there to delete. */
    boolean delete(ResourceType type, HasMetadata object, String propagationPolicy) {
        var options = new DeleteOptionsBuilder()
                .withApiVersion("v1").withKind("DeleteOptions")
                .withPropagationPolicy(propagationPolicy)
                .withNewPreconditions().withUid(object.getMetadata().getUid()).endPreconditions()
                .build();
        try {
            client.raw(path(type, object), "DELETE", options);
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** Sets the object's owner references, if it is still at the resourceVersion it was read at. */
    void setOwnerReferences(ResourceType type, HasMetadata object, List<OwnerReference> references) {
        ObjectNode patch = patchOf(object);
        ObjectNode meta = (ObjectNode) patch.get("metadata");
        if (references.isEmpty()) {
            meta.putNull("ownerReferences");
        } else {
            meta.set("ownerReferences", Json.MAPPER.valueToTree(references));
        }
        patch(type, object, patch);
    }

    /** Sets the object's finalizers, if it is still at the resourceVersion it was read at. */
    void setFinalizers(ResourceType type, HasMetadata object, List<String> finalizers) {
        ObjectNode patch = patchOf(object);
        ObjectNode meta = (ObjectNode) patch.get("metadata");
        if (finalizers.isEmpty()) {
            meta.putNull("finalizers");
        } else {
            meta.set("finalizers", Json.MAPPER.valueToTree(finalizers));
        }
        patch(type, object, patch);
    }

    private static ObjectNode patchOf(HasMetadata object) {
        ObjectNode patch = Json.MAPPER.createObjectNode();
        patch.putObject("metadata").put("resourceVersion", object.getMetadata().getResourceVersion());
        return patch;
    }

    /** Applies a JSON merge patch; an object that is gone meanwhile is not an error. */
    private void patch(ResourceType type, HasMetadata object, ObjectNode patch) {
        try {
            resource(type.type(), type.namespaced() ? object.getMetadata().getNamespace() : null, object.getMetadata().getName())
                    .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }

    private <T extends HasMetadata> Resource<T> resource(Class<T> objectClass, String namespace, String name) {
        var resources = client.resources(objectClass);
        return namespace == null ? resources.withName(name) : resources.inNamespace(namespace).withName(name);
    }

    /** The object's URL path, e.g. {@code /apis/apps/v1/namespaces/web/replicasets/web-1}. */
    static String path(ResourceType type, HasMetadata object) {
        StringBuilder path = new StringBuilder(type.group().isEmpty() ? "/api/" + type.version()
                : "/apis/" + type.group() + "/" + type.version());
        if (type.namespaced()) {
            path.append("/namespaces/").append(object.getMetadata().getNamespace());
        }
        return path.append('/').append(type.plural()).append('/').append(object.getMetadata().getName()).toString();
    }
}
