package dev.skiff.apiserver.storage;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.json.Json;
import dev.skiff.store.KeyValue;
import dev.skiff.store.StoreException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Turns stored bytes into objects and back. The stored JSON carries no resourceVersion: it is the
 * key's modRevision, set when reading.
 */
public final class ObjectCodec {

    private static final byte[] NOTHING = new byte[0];
    private static final byte[] END_OF_EVENT = {'}'};

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
        return spliced(NOTHING, stored, revision, NOTHING);
    }

    /**
     * A watch event {@code {"type":…,"object":…}}, as the watch API and the Kafka topics carry it,
     * made from the stored bytes of its object with resourceVersion spliced in as by
     * {@link #withResourceVersion}: the object is neither decoded nor serialized again.
     */
    public static byte[] watchEvent(String type, byte[] stored, long revision) {
        return spliced(("{\"type\":\"" + type + "\",\"object\":").getBytes(StandardCharsets.UTF_8), stored, revision, END_OF_EVENT);
    }

    /**
     * The text of {@code field} in the top-level object {@code parent} of the stored JSON (e.g. a
     * pod's {@code spec.nodeName}), or "" when either is missing or not text; found by a streaming
     * parse that builds no tree.
     */
    public static String nestedText(byte[] stored, String parent, String field) {
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(stored)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return "";
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean inParent = parent.equals(parser.currentName());
                if (parser.nextToken() == JsonToken.START_OBJECT && inParent) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        boolean wanted = field.equals(parser.currentName());
                        JsonToken value = parser.nextToken();
                        if (wanted) {
                            return value == JsonToken.VALUE_STRING ? parser.getText() : "";
                        }
                        parser.skipChildren();
                    }
                    return "";
                }
                parser.skipChildren();
            }
            return "";
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON object", e);
        }
    }

    /** {@code before}, the stored object with its resourceVersion, {@code after}: in one array, copied once. */
    private static byte[] spliced(byte[] before, byte[] stored, long revision, byte[] after) {
        int at = metadataContentStart(stored);
        byte[] field = ("\"resourceVersion\":\"" + revision + "\"" + (stored[at] == '}' ? "" : ",")).getBytes(StandardCharsets.UTF_8);
        byte[] json = new byte[before.length + stored.length + field.length + after.length];
        System.arraycopy(before, 0, json, 0, before.length);
        System.arraycopy(stored, 0, json, before.length, at);
        System.arraycopy(field, 0, json, before.length + at, field.length);
        System.arraycopy(stored, at, json, before.length + at + field.length, stored.length - at);
        System.arraycopy(after, 0, json, json.length - after.length, after.length);
        return json;
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
