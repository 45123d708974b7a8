package dev.skiff.apiserver.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.resource.ResourceType;
import dev.skiff.api.status.ApiException;
import dev.skiff.store.CompactedException;
import dev.skiff.store.KeyExistsException;
import dev.skiff.store.KeyNotFoundException;
import dev.skiff.store.KeyValue;
import dev.skiff.store.ListResult;
import dev.skiff.store.RevisionConflictException;
import dev.skiff.store.Store;
import io.fabric8.kubernetes.api.model.HasMetadata;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * Kubernetes objects over the storage port: keys, resourceVersions, and the store's failures
 * turned into API errors (404, 409, 410).
 */
@ApplicationScoped
public class ResourceStorage {

    private final Store store;

    public ResourceStorage(Store store) {
        this.store = store;
    }

    public Store store() {
        return store;
    }

    public Optional<ObjectNode> find(ResourceType type, String namespace, String name) {
        return store.get(StorageKeys.key(type, namespace, name)).map(ObjectCodec::decode);
    }

    public ObjectNode get(ResourceType type, String namespace, String name) {
        return find(type, namespace, name).orElseThrow(() -> ApiException.notFound(type.group(), type.plural(), name));
    }

    /** One page of the store under the prefix; a compacted revision is 410 Gone. */
    public ListResult list(String prefix, long revision, String startKey, int limit) {
        try {
            return store.list(prefix, revision, startKey, limit);
        } catch (CompactedException e) {
            throw ApiException.gone("The provided continue parameter is too old to display a consistent list result. "
                    + "You can start a new list without the continue parameter.");
        }
    }

    /** Stores a new object; it is serialized once, straight from its type, for the store and the answer. */
    public StoredObject<HasMetadata> create(ResourceType type, String namespace, String name, HasMetadata object) {
        try {
            byte[] json = ObjectCodec.encode(object);
            KeyValue kv = store.create(StorageKeys.key(type, namespace, name), json, 0);
            object.getMetadata().setResourceVersion(Long.toString(kv.modRevision()));
            return new StoredObject<>(object, ObjectCodec.withResourceVersion(json, kv.modRevision()));
        } catch (KeyExistsException e) {
            throw ApiException.alreadyExists(type.group(), type.plural(), name);
        }
    }

    /** Writes the object if the stored one still has {@code expectedRevision}; it is serialized once, for the store and the answer. */
    public StoredObject<ObjectNode> update(ResourceType type, String namespace, String name, ObjectNode object,
                                           long expectedRevision) {
        try {
            byte[] json = ObjectCodec.encode(object);
            KeyValue kv = store.update(StorageKeys.key(type, namespace, name), json, expectedRevision, 0);
            ObjectCodec.metadata(object).put("resourceVersion", Long.toString(kv.modRevision()));
            return new StoredObject<>(object, ObjectCodec.withResourceVersion(json, kv.modRevision()));
        } catch (KeyNotFoundException e) {
            throw ApiException.notFound(type.group(), type.plural(), name);
        } catch (RevisionConflictException e) {
            throw staleConflict(type, name);
        }
    }

    /** Deletes the object if the stored one still has {@code expectedRevision}; returns its last state. */
    public ObjectNode delete(ResourceType type, String namespace, String name, long expectedRevision) {
        try {
            KeyValue kv = store.delete(StorageKeys.key(type, namespace, name), expectedRevision);
            return ObjectCodec.decode(kv.value(), kv.modRevision(), kv.key());
        } catch (KeyNotFoundException e) {
            throw ApiException.notFound(type.group(), type.plural(), name);
        } catch (RevisionConflictException e) {
            throw staleConflict(type, name);
        }
    }

    public static ApiException staleConflict(ResourceType type, String name) {
        return ApiException.conflict(type.group(), type.plural(), name,
                "the object has been modified; please apply your changes to the latest version and try again");
    }
}
