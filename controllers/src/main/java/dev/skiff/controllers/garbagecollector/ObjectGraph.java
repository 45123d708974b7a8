package dev.skiff.controllers.garbagecollector;

import dev.skiff.api.events.Topics;
import dev.skiff.api.resource.ResourceRegistry;
import dev.skiff.api.resource.ResourceType;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The owner/dependent graph over the watched kinds' caches: an object's dependents are found by
 * UID through each informer's ownerUID index, its owners by the kind and name of its owner
 * references (the UID must match too). Work queue keys name the kind and the cache key.
 */
final class ObjectGraph {

    private final ResourceRegistry registry;
    private final Map<String, MonitoredKind> byResource = new LinkedHashMap<>();
    private final Map<Class<?>, MonitoredKind> byClass = new LinkedHashMap<>();

    ObjectGraph(List<MonitoredKind> kinds, ResourceRegistry registry) {
        this.registry = registry;
        for (MonitoredKind kind : kinds) {
            byResource.put(kind.type().qualifiedName(), kind);
            byClass.put(kind.type().type(), kind);
        }
    }

    List<MonitoredKind> kinds() {
        return List.copyOf(byResource.values());
    }

    /** The watched kind of a work queue key and the key in its cache; empty for a malformed key. */
    Optional<Map.Entry<MonitoredKind, String>> parse(String queueKey) {
        int colon = queueKey.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        MonitoredKind kind = byResource.get(queueKey.substring(0, colon));
        return kind == null ? Optional.empty() : Optional.of(Map.entry(kind, queueKey.substring(colon + 1)));
    }

    /** The watched kind of a cached object. */
    MonitoredKind kindOf(HasMetadata object) {
        MonitoredKind kind = byClass.get(object.getClass());
        if (kind == null) {
            throw new IllegalArgumentException(object.getClass().getName() + " is not watched by the garbage collector");
        }
        return kind;
    }

    Optional<MonitoredKind> monitored(ResourceType type) {
        return Optional.ofNullable(byResource.get(type.qualifiedName()));
    }

    /** The built-in resource an owner reference points at; empty for a kind Skiff does not serve. */
    Optional<ResourceType> ownerType(OwnerReference reference) {
        String apiVersion = reference.getApiVersion() == null ? "" : reference.getApiVersion();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        return reference.getKind() == null ? Optional.empty() : registry.findByKind(group, reference.getKind());
    }

    /** The work queue key of the object an owner reference of a dependent in {@code namespace} points at, if its kind is watched. */
    Optional<String> ownerKey(OwnerReference reference, String namespace) {
        return ownerType(reference).flatMap(this::monitored).map(kind -> kind.key(
                Topics.key(kind.type().namespaced() ? namespace : null, reference.getName())));
    }

    /** The cached objects, of every watched kind, that name the UID as an owner. */
    List<HasMetadata> dependentsOf(String ownerUid) {
        List<HasMetadata> dependents = new ArrayList<>();
        for (MonitoredKind kind : byResource.values()) {
            dependents.addAll(kind.dependentsOf(ownerUid));
        }
        return dependents;
    }
}
