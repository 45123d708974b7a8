package dev.skiff.apiserver.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.skiff.api.json.Json;

/**
 * An object as a write left it, with resourceVersion (typed or as a JSON tree), and the JSON of the
 * answer; a write that stored it made that JSON from the bytes sent to the store, so the object is
 * serialized only once.
 */
public record StoredObject<T>(T object, byte[] json) {

    /** For an object no write stored now (a dry run, an update that changed nothing): its JSON, serialized here. */
    public static <T> StoredObject<T> serialized(T object) {
        try {
            return new StoredObject<>(object, Json.MAPPER.writeValueAsBytes(object));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + object.getClass().getSimpleName(), e);
        }
    }
}
