package dev.skiff.controllers.garbagecollector;

import dev.skiff.api.events.Topics;
import dev.skiff.api.resource.ResourceType;
import dev.skiff.informer.Indexer;
import dev.skiff.informer.Indexes;
import dev.skiff.informer.Informer;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.List;
import java.util.Optional;

/** One kind the garbage collector watches: its description and its shared informer. */
record MonitoredKind(ResourceType type, Informer<? extends HasMetadata> informer) {

    /** The cached object of this kind with the name (and namespace, for a namespaced kind). */
    Optional<HasMetadata> cached(String namespace, String name) {
        return informer.indexer().get(Topics.key(type.namespaced() ? namespace : null, name)).map(HasMetadata.class::cast);
    }

    Optional<HasMetadata> cached(String cacheKey) {
        return informer.indexer().get(cacheKey).map(HasMetadata.class::cast);
    }

    /** The cached objects of this kind that name the UID as an owner. */
    List<HasMetadata> dependentsOf(String ownerUid) {
        return informer.indexer().byIndex(Indexes.OWNER_UID, ownerUid).stream().map(HasMetadata.class::cast).toList();
    }

    /** The work queue key of an object of this kind: {@code replicasets.apps:namespace/name}. */
    String key(HasMetadata object) {
        return key(Indexer.keyOf(object));
    }

    String key(String cacheKey) {
        return type.qualifiedName() + ":" + cacheKey;
    }
}
