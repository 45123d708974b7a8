package dev.skiff.apiserver.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.json.Json;
import dev.skiff.api.patch.PatchType;
import dev.skiff.api.patch.Patcher;
import dev.skiff.api.resource.ResourceType;
import dev.skiff.api.selector.LabelSelector;
import dev.skiff.api.status.ApiException;
import dev.skiff.api.validation.FieldError;
import dev.skiff.apiserver.admission.WriteOptions;
import dev.skiff.apiserver.storage.ObjectCodec;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * The {@code scale} subresource of deployments and replicasets: an {@code autoscaling/v1 Scale}
 * view of {@code spec.replicas}, as {@code kubectl scale} reads and writes it.
 */
@ApplicationScoped
public class ScaleSubresource {

    private final ResourceOperations operations;

    public ScaleSubresource(ResourceOperations operations) {
        this.operations = operations;
    }

    public ObjectNode get(ResourceType type, String namespace, String name) {
        return toScale(operations.get(type, namespace, name));
    }

    /** Sets spec.replicas from a Scale; a resourceVersion in it must be current. */
    public ObjectNode update(ResourceType type, String namespace, String name, ObjectNode scale, WriteOptions options) {
        ObjectNode parent = operations.get(type, namespace, name);
        String rv = ObjectCodec.metadata(scale).path("resourceVersion").asText("");
        if (!rv.isEmpty() && !rv.equals(ObjectMeta.text(parent, "resourceVersion"))) {
            throw ApiException.conflict("autoscaling", "scale", name,
                    "the object has been modified; please apply your changes to the latest version and try again");
        }
        return write(type, namespace, name, parent, scale, options);
    }

    public ObjectNode patch(ResourceType type, String namespace, String name, PatchType patchType, JsonNode patch,
                            WriteOptions options) {
        ObjectNode parent = operations.get(type, namespace, name);
        if (!(Patcher.apply(patchType, "Scale", toScale(parent), patch) instanceof ObjectNode scale)) {
            throw ApiException.badRequest("the patch does not produce a Scale object");
        }
        return write(type, namespace, name, parent, scale, options);
    }

    private ObjectNode write(ResourceType type, String namespace, String name, ObjectNode parent, ObjectNode scale,
                             WriteOptions options) {
        JsonNode replicas = scale.path("spec").path("replicas");
        if (!replicas.isIntegralNumber() || replicas.asInt() < 0) {
            throw ApiException.invalid("autoscaling", "Scale", name, List.of(FieldError.invalid("spec.replicas",
                    replicas.isMissingNode() ? null : replicas.asText(), "must be greater than or equal to 0")));
        }
        ObjectNode next = parent.deepCopy();
        next.with("spec").put("replicas", replicas.asInt());
        ObjectCodec.metadata(next).remove("resourceVersion");
        ObjectNode updated = operations.update(type, namespace, name, null, next, options).object();
        return toScale(updated);
    }

    static ObjectNode toScale(ObjectNode parent) {
        ObjectNode scale = Json.MAPPER.createObjectNode();
        scale.put("kind", "Scale");
        scale.put("apiVersion", "autoscaling/v1");
        ObjectNode meta = scale.putObject("metadata");
        ObjectNode parentMeta = ObjectCodec.metadata(parent);
        for (String field : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
            if (parentMeta.has(field)) {
                meta.set(field, parentMeta.get(field));
            }
        }
        scale.putObject("spec").put("replicas", parent.path("spec").path("replicas").asInt(1));
        ObjectNode status = scale.putObject("status");
        status.put("replicas", parent.path("status").path("replicas").asInt(0));
        status.put("selector", selector(parent.path("spec").path("selector")));
        return scale;
    }

    private static String selector(JsonNode selector) {
        if (selector.isMissingNode() || selector.isNull()) {
            return "";
        }
        try {
            var typed = Json.MAPPER.treeToValue(selector, io.fabric8.kubernetes.api.model.LabelSelector.class);
            return LabelSelector.from(typed == null ? new LabelSelectorBuilder().build() : typed).toString();
        } catch (JsonProcessingException e) {
            return "";
        }
    }
}
