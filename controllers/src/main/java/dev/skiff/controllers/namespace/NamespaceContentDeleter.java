package dev.skiff.controllers.namespace;

import dev.skiff.api.resource.ResourceType;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Deletes the content of a namespace, as Kubernetes' namespaced resources deleter: for every
 * namespaced resource, a delete of the whole collection (background propagation; pods keep their
 * grace period, so their kubelets stop them), then a list of what is still there (pods being
 * stopped, objects held by finalizers).
 */
final class NamespaceContentDeleter {

    private static final Logger LOG = Logger.getLogger(NamespaceContentDeleter.class);

    private final KubernetesClient client;
    private final List<ResourceType> resources;

    NamespaceContentDeleter(KubernetesClient client, List<ResourceType> namespacedResources) {
        this.client = client;
        this.resources = List.copyOf(namespacedResources);
    }

    ContentDeletion deleteAll(String namespace) {
        Map<String, Integer> remaining = new TreeMap<>();
        Map<String, Integer> finalizers = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        for (ResourceType resource : resources) {
            String name = resource.plural() + "." + resource.group();
            List<? extends HasMetadata> left;
            try {
                left = deleteCollection(resource.type(), namespace);
            } catch (KubernetesClientException e) {
                LOG.debugf(e, "namespace %s: deleting its %s failed", namespace, resource.qualifiedName());
                errors.add("failed to delete " + name + ": " + e.getMessage());
                continue;
            }
            if (!left.isEmpty()) {
                remaining.put(name, left.size());
                for (HasMetadata object : left) {
                    List<String> held = object.getMetadata().getFinalizers();
                    if (held != null) {
                        held.forEach(finalizer -> finalizers.merge(finalizer, 1, Integer::sum));
                    }
                }
            }
        }
        return new ContentDeletion(remaining, finalizers, errors);
    }

    /** Deletes every object of the kind in the namespace; returns those still there afterwards. */
    private <T extends HasMetadata> List<T> deleteCollection(Class<T> objectClass, String namespace) {
        var objects = client.resources(objectClass).inNamespace(namespace);
        if (!objects.list().getItems().isEmpty()) {
            objects.withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        }
        return objects.list().getItems();
    }
}
