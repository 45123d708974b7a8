package dev.skiff.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.resource.ResourceType;
import dev.skiff.api.status.ApiException;
import dev.skiff.api.validation.FieldError;
import dev.skiff.apiserver.storage.ResourceStorage;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;

/**
 * {@code POST pods/NAME/binding}: the scheduler's way of assigning a pod to a node. Sets
 * spec.nodeName once (a second binding is a conflict) and the PodScheduled condition.
 */
@ApplicationScoped
public class PodBinding {

    private static final Logger LOG = Logger.getLogger(PodBinding.class);

    private final ResourceStorage storage;

    public PodBinding(ResourceStorage storage) {
        this.storage = storage;
    }

    public void bind(ResourceType pods, String namespace, String name, JsonNode binding) {
        String node = binding.path("target").path("name").asText("");
        if (node.isEmpty()) {
            throw ApiException.invalid("", "Binding", name, List.of(FieldError.required("target.name", "")));
        }
        String bindingName = binding.path("metadata").path("name").asText(name);
        if (!bindingName.equals(name)) {
            throw ApiException.badRequest("the name of the object (" + bindingName
                    + ") does not match the name on the URL (" + name + ")");
        }
        ObjectNode pod = storage.get(pods, namespace, name);
        if (ObjectMeta.isDeleting(pod)) {
            throw ApiException.conflict("", "pods", name, "pod " + name + " is being deleted, cannot be assigned to a host");
        }
        String current = pod.path("spec").path("nodeName").asText("");
        if (!current.isEmpty()) {
            throw ApiException.conflict("", "pods", name, "pod " + name + " is already assigned to node \"" + current + "\"");
        }
        pod.with("spec").put("nodeName", node);
        setScheduledCondition(pod);
        storage.update(pods, namespace, name, pod, ObjectMeta.resourceVersion(pod));
        LOG.debugf("pod %s/%s bound to %s", namespace, name, node);
    }

    private static void setScheduledCondition(ObjectNode pod) {
        ObjectNode status = pod.with("status");
        JsonNode existing = status.get("conditions");
        ArrayNode conditions = existing instanceof ArrayNode a ? a : status.putArray("conditions");
        for (int i = conditions.size() - 1; i >= 0; i--) {
            if ("PodScheduled".equals(conditions.get(i).path("type").asText())) {
                conditions.remove(i);
            }
        }
        conditions.addObject()
                .put("type", "PodScheduled")
                .put("status", "True")
                .putNull("lastProbeTime")
                .put("lastTransitionTime", ObjectMeta.timestamp(Instant.now()));
    }
}
