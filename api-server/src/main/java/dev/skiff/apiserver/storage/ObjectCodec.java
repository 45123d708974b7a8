package dev.skiff.apiserver.storage;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.json.Json;
import dev.skiff.store.KeyValue;
import dev.skiff.store.StoreException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

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

    /**
     * The stored JSON of an object with {@code "resourceVersion"} put first into its top-level
     * metadata: the answer to a write, made without serializing the object a second time. Only the
     * fields before the metadata are parsed (fabric8 writes apiVersion and kind first).
     */
    public static byte[] withResourceVersion(byte[] stored, long revision) {
        int at = metadataContentStart(stored);
        byte[] field = ("\"resourceVersion\":\"" + revision + "\"" + (stored[at] == '}' ? "" : ",")).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream json = new ByteArrayOutputStream(stored.length + field.length);
        json.write(stored, 0, at);
        json.write(field, 0, field.length);
        json.write(stored, at, stored.length - at);
        return json.toByteArray();
    }

    /** The offset just after the opening brace of the top-level {@code metadata} object. */
    private static int metadataContentStart(byte[] stored) {
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(stored)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.START_OBJECT && "metadata".equals(field)) {
                    return (int) parser.currentTokenLocation().getByteOffset() + 1;
                }
                parser.skipChildren();
            }
            throw new IllegalArgumentException("the object has no metadata");
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON object", e);
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
