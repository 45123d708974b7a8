package dev.skiff.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.json.Json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares API values through their JSON form, as Kubernetes' semantic equality does: an absent field, null,
 * an empty list and an empty map are all the same.
 */
public final class JsonComparison {

    private JsonComparison() {
    }

    /** True if {@code a} and {@code b} are semantically equal. */
    public static boolean equal(Object a, Object b) {
        return tree(a).equals(tree(b));
    }

    /**
     * The places where {@code after} differs from {@code before}, one line each, e.g.
     * {@code spec.nodeName: "a" -> "b"}; {@code <none>} stands for an absent value.
     */
    public static List<String> differences(Object before, Object after, String path) {
        List<String> lines = new ArrayList<>();
        collect(tree(before), tree(after), path, lines);
        return lines;
    }

    private static JsonNode tree(Object value) {
        return value == null ? MissingNode.getInstance() : normalize(Json.MAPPER.valueToTree(value));
    }

    /** The tree without null values and empty containers; MissingNode if nothing is left. */
    private static JsonNode normalize(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return MissingNode.getInstance();
        }
        if (node.isObject()) {
            ObjectNode copy = Json.MAPPER.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode value = normalize(field.getValue());
                if (!value.isMissingNode()) {
                    copy.set(field.getKey(), value);
                }
            }
            return copy.isEmpty() ? MissingNode.getInstance() : copy;
        }
        if (node.isArray()) {
            if (node.isEmpty()) {
                return MissingNode.getInstance();
            }
            ArrayNode copy = Json.MAPPER.createArrayNode();
            for (JsonNode element : node) {
                JsonNode normalized = normalize(element);
                copy.add(normalized.isMissingNode() ? NullNode.getInstance() : normalized);
            }
            return copy;
        }
        return node;
    }

    private static void collect(JsonNode before, JsonNode after, String path, List<String> lines) {
        if (before.equals(after)) {
            return;
        }
        if (before.isObject() && after.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            before.fieldNames().forEachRemaining(names::add);
            after.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                collect(before.path(name), after.path(name), path + "." + name, lines);
            }
        } else if (before.isArray() && after.isArray() && before.size() == after.size()) {
            for (int i = 0; i < before.size(); i++) {
                collect(before.get(i), after.get(i), path + "[" + i + "]", lines);
            }
        } else {
            lines.add(path + ": " + render(before) + " -> " + render(after));
        }
    }

    private static String render(JsonNode node) {
        return node.isMissingNode() ? "<none>" : node.toString();
    }
}
