package dev.skiff.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.json.Json;
import dev.skiff.api.patch.StrategicMergeSchema.Field;
import dev.skiff.api.patch.StrategicMergeSchema.Type;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * How an applied configuration joins the live object: objects merge field by field, keyed lists
 * element by element (the live order kept, new elements after), sets by value; anything else the
 * configuration sets replaces the live value. And how a field nobody applies any more is removed.
 */
final class ApplyMerge {

    private ApplyMerge() {
    }

    /** LIVE (null when there is none) with CONFIG merged into it, as a new object of KIND. */
    static ObjectNode merge(ObjectNode live, ObjectNode config, String kind) {
        Type root = StrategicMergeSchema.ofKind(kind).orElse(Type.PLAIN);
        return (ObjectNode) merge(live, config, root);
    }

    private static JsonNode merge(JsonNode live, JsonNode config, Type type) {
        if (!config.isObject() || live == null || !live.isObject()) {
            return config.deepCopy();
        }
        ObjectNode result = ((ObjectNode) live).deepCopy();
        config.fields().forEachRemaining(entry -> result.set(entry.getKey(),
                mergeField(live.get(entry.getKey()), entry.getValue(), type.field(entry.getKey()))));
        return result;
    }

    private static JsonNode mergeField(JsonNode live, JsonNode config, Field field) {
        if (config.isArray() && live != null && live.isArray() && field.mergeList()) {
            ArrayNode result = ((ArrayNode) live).deepCopy();
            for (JsonNode element : config) {
                int at = indexOf(result, element, field.mergeKey());
                if (at < 0) {
                    result.add(element.deepCopy());
                } else if (field.mergeKey() != null) {
                    result.set(at, merge(result.get(at), element, field.type()));
                }
            }
            return result;
        }
        return merge(live, config, field.type());
    }

    /** Where ELEMENT is in LIST: by KEY's value, or by value when KEY is null; -1 when it is not. */
    private static int indexOf(ArrayNode list, JsonNode element, String key) {
        for (int i = 0; i < list.size(); i++) {
            JsonNode candidate = list.get(i);
            if (key == null ? JsonValues.equal(candidate, element) : JsonValues.equal(candidate.get(key), element.get(key))) {
                return i;
            }
        }
        return -1;
    }

    /** Removes the field, list element or set value at PATH from OBJECT, if it is there. */
    static void remove(ObjectNode object, FieldPath path) {
        List<String> elements = path.elements();
        JsonNode parent = object;
        for (int i = 0; i < elements.size() - 1 && parent != null; i++) {
            parent = step(parent, elements.get(i));
        }
        if (parent == null) {
            return;
        }
        String last = elements.get(elements.size() - 1);
        if (last.startsWith("f:") && parent instanceof ObjectNode fields) {
            fields.remove(last.substring(2));
        } else if (parent instanceof ArrayNode list) {
            for (Iterator<JsonNode> it = list.elements(); it.hasNext(); ) {
                if (matches(it.next(), last)) {
                    it.remove();
                }
            }
        }
    }

    private static JsonNode step(JsonNode node, String element) {
        if (element.startsWith("f:")) {
            return node.isObject() ? node.get(element.substring(2)) : null;
        }
        if (node.isArray()) {
            for (JsonNode candidate : node) {
                if (matches(candidate, element)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /** Whether list ELEMENT is the one a {@code k:} or {@code v:} path element names. */
    private static boolean matches(JsonNode element, String pathElement) {
        JsonNode named = FieldPath.json(pathElement.substring(2));
        if (pathElement.startsWith("v:")) {
            return JsonValues.equal(element, named);
        }
        if (!element.isObject()) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = named.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> key = it.next();
            if (!JsonValues.equal(key.getValue(), element.get(key.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
