package dev.skiff.apiserver.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.json.Json;
import dev.skiff.store.KeyValue;
import dev.skiff.store.StoreException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;

import java.io.IOException;

/**
 * Turns stored bytes into objects and back. The stored JSON carries no resourceVersion: it is the
 * key's modRevision, set when reading.
 */
public final class ObjectCodec {

    private ObjectCodec() {
    }

    public static ObjectNode decode(KeyValue kv) {
        return decode(kv.value(), kv.modRevision(), kv.key());
    }

    public static ObjectNode decode(byte[] value, long revision, String key) {
        try {
            ObjectNode node = (ObjectNode) Json.MAPPER.readTree(value);
            metadata(node).put("resourceVersion", Long.toString(revision));
            return node;
        } catch (IOException | ClassCastException e) {
            throw new StoreException("stored value of " + key + " is not a JSON object", e);
        }
    }

    public static byte[] encode(ObjectNode object) {
        ObjectNode meta = metadata(object);
        var rv = meta.remove("resourceVersion");
        try {
            return Json.MAPPER.writeValueAsBytes(object);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize object", e);
        } finally {
            if (rv != null) {
                meta.set("resourceVersion", rv);
            }
        }
    }

    public static byte[] encode(HasMetadata object) {
        ObjectMeta meta = object.getMetadata();
        String rv = meta.getResourceVersion();
        meta.setResourceVersion(null);
        try {
            return Json.MAPPER.writeValueAsBytes(object);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize object", e);
        } finally {
            meta.setResourceVersion(rv);
        }
    }

    /** The object's metadata, created if missing. */
    public static ObjectNode metadata(ObjectNode object) {
        var meta = object.get("metadata");
        if (meta instanceof ObjectNode m) {
            return m;
        }
        return object.putObject("metadata");
    }
}
