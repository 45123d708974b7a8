package dev.skiff.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.json.Json;
import java.util.Set;
import java.util.LinkedHashSet;

/**
 * Kubernetes' {@code FieldsV1}: a set of field paths as a tree, one key per path element; a path
 * in the set is a node that is empty, or that has the key {@code "."} when paths under it are in
 * the set too: {@code {"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:image":{}}}}}}.
 */
final class FieldsV1 {

    private FieldsV1() {
    }

    /** The tree of PATHS; given parents before their children, each {@code "."} comes first among its node's keys. */
    static ObjectNode tree(Set<FieldPath> paths) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        for (FieldPath path : paths) {
            ObjectNode node = root;
            for (String element : path.elements()) {
                JsonNode child = node.get(element);
                node = child != null ? (ObjectNode) child : node.putObject(element);
            }
            node.putObject(".");
        }
        dropLeafMarks(root);
        return root;
    }

    /** A path with nothing under it is an empty node: its {@code "."} goes. */
    private static void dropLeafMarks(ObjectNode node) {
        if (node.size() == 1 && node.has(".")) {
            node.remove(".");
            return;
        }
        node.fields().forEachRemaining(entry -> {
            if (!entry.getKey().equals(".")) {
                dropLeafMarks((ObjectNode) entry.getValue());
            }
        });
    }

    /** The paths of TREE, parents before their children. */
    static Set<FieldPath> paths(JsonNode tree) {
        Set<FieldPath> paths = new LinkedHashSet<>();
        collect(tree, FieldPath.ROOT, paths);
        return paths;
    }

    private static void collect(JsonNode node, FieldPath path, Set<FieldPath> paths) {
        if (!node.isObject()) {
            return;
        }
        if (!path.elements().isEmpty() && (node.isEmpty() || node.has("."))) {
            paths.add(path);
        }
        node.fields().forEachRemaining(entry -> {
            if (!entry.getKey().equals(".")) {
                collect(entry.getValue(), path.child(entry.getKey()), paths);
            }
        });
    }
}
