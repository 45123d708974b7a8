package dev.skiff.apiserver.storage;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * An object as it was written: typed, with its resourceVersion, and the JSON of the answer, made
 * from the bytes sent to the store so that a write serializes its object only once.
 */
public record StoredObject(HasMetadata object, byte[] json) {
}
