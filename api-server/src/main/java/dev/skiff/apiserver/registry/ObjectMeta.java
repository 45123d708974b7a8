package dev.skiff.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.apiserver.storage.ObjectCodec;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/** Reads and writes the metadata of an object held as a JSON tree. */
final class ObjectMeta {

    private ObjectMeta() {
    }

    static String text(ObjectNode object, String field) {
        JsonNode v = ObjectCodec.metadata(object).get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    static String name(ObjectNode object) {
        return text(object, "name");
    }

    static String namespace(ObjectNode object) {
        return text(object, "namespace");
    }

    static long resourceVersion(ObjectNode object) {
        String rv = text(object, "resourceVersion");
        return rv.isEmpty() ? 0 : Long.parseLong(rv);
    }

    static boolean isDeleting(ObjectNode object) {
        return !text(object, "deletionTimestamp").isEmpty();
    }

    static boolean hasFinalizers(ObjectNode object) {
        JsonNode f = ObjectCodec.metadata(object).get("finalizers");
        return f != null && f.isArray() && !f.isEmpty();
    }

    static boolean hasFinalizer(ObjectNode object, String finalizer) {
        JsonNode f = ObjectCodec.metadata(object).get("finalizers");
        if (f != null && f.isArray()) {
            for (JsonNode n : f) {
                if (finalizer.equals(n.asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    static void addFinalizer(ObjectNode object, String finalizer) {
        if (!hasFinalizer(object, finalizer)) {
            ObjectNode meta = ObjectCodec.metadata(object);
            JsonNode f = meta.get("finalizers");
            (f instanceof com.fasterxml.jackson.databind.node.ArrayNode a ? a : meta.putArray("finalizers")).add(finalizer);
        }
    }

    static Map<String, String> labels(ObjectNode object) {
        JsonNode l = ObjectCodec.metadata(object).get("labels");
        if (l == null || !l.isObject()) {
            return Map.of();
        }
        Map<String, String> labels = new HashMap<>();
        l.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    /** An RFC 3339 timestamp with second precision, as Kubernetes writes them. */
    static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
