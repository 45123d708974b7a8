package dev.skiff.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.json.Json;
import java.util.Set;
import java.util.TreeSet;

/**
 * Kubernetes' {@code FieldsV1}: a set of field paths as a tree, one key per path element; a path
 * in the set is a node that is empty, or that has the key {@code "."} when paths under it are in
 * the set too: {@code {"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:image":{}}}}}}.
 */
final class FieldsV1 {

    private FieldsV1() {
    }

    static ObjectNode tree(Set<FieldPath> paths) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        Set<FieldPath> sorted = new TreeSet<>(paths);
        for (FieldPath path : sorted) {
            ObjectNode node = root;
            FieldPath walked = FieldPath.ROOT;
            for (String element : path.elements()) {
                // a path in the set that paths below it join gets its "." first
                if (!walked.elements().isEmpty() && sorted.contains(walked) && !node.has(".")) {
                    node.set(".", Json.MAPPER.createObjectNode());
                }
                node = node.has(element) ? (ObjectNode) node.get(element) : node.putObject(element);
                walked = walked.child(element);
            }
        }
        return root;
    }

    static Set<FieldPath> paths(JsonNode tree) {
        Set<FieldPath> paths = new TreeSet<>();
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
