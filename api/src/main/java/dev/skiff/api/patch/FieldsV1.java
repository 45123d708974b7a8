package dev.skiff.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.json.Json;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Kubernetes' {@code FieldsV1}: a set of field paths as a tree, one key per path element; a path
 * in the set is a node that is empty, or that has the key {@code "."} when paths under it are in
 * the set too: {@code {"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:image":{}}}}}}.
 * The set is edited in place, path by path, so a write that changes a few fields touches only
 * their nodes; a node no path needs any more goes.
 */
final class FieldsV1 {

    private static final String SELF = ".";

    private FieldsV1() {
    }

    /** The tree of PATHS; given parents before their children, each {@code "."} comes first among its node's keys. */
    static ObjectNode tree(Collection<FieldPath> paths) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        for (FieldPath path : paths) {
            add(root, path);
        }
        return root;
    }

    /** Puts PATH into the set TREE. */
    static void add(ObjectNode tree, FieldPath path) {
        ObjectNode parent = interior(tree, path.parent());
        JsonNode node = parent.get(path.element());
        if (!(node instanceof ObjectNode existing)) {
            parent.putObject(path.element());
        } else if (!existing.isEmpty() && !existing.has(SELF)) {
            ObjectNode marked = parent.objectNode();
            marked.putObject(SELF);
            marked.setAll(existing);
            parent.set(path.element(), marked);
        }
    }

    /** Takes PATH out of the set TREE; the paths under it stay. */
    static void remove(ObjectNode tree, FieldPath path) {
        if (path.isRoot() || !(find(tree, path) instanceof ObjectNode node)) {
            return;
        }
        if (node.isEmpty() || node.size() == 1 && node.has(SELF)) {
            ObjectNode parent = (ObjectNode) find(tree, path.parent());
            parent.remove(path.element());
            prune(tree, path.parent());
        } else {
            node.remove(SELF);
        }
    }

    /** Whether PATH is in the set TREE. */
    static boolean contains(ObjectNode tree, FieldPath path) {
        return !path.isRoot() && find(tree, path) instanceof ObjectNode node && (node.isEmpty() || node.has(SELF));
    }

    /** Whether PATH, or a path under it, is in the set TREE. */
    static boolean containsOrUnder(ObjectNode tree, FieldPath path) {
        return !path.isRoot() && find(tree, path) instanceof ObjectNode;
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
        if (!path.isRoot() && (node.isEmpty() || node.has(SELF))) {
            paths.add(path);
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!entry.getKey().equals(SELF)) {
                collect(entry.getValue(), path.child(entry.getKey()), paths);
            }
        }
    }

    /** The node of PATH in TREE, null when there is none. */
    private static JsonNode find(ObjectNode tree, FieldPath path) {
        if (path.isRoot()) {
            return tree;
        }
        JsonNode parent = find(tree, path.parent());
        return parent == null ? null : parent.get(path.element());
    }

    /** The node of PATH, made when missing, to put a path under: a path in the set with nothing under it gets its mark. */
    private static ObjectNode interior(ObjectNode tree, FieldPath path) {
        if (path.isRoot()) {
            return tree;
        }
        ObjectNode parent = interior(tree, path.parent());
        JsonNode node = parent.get(path.element());
        if (node instanceof ObjectNode existing) {
            if (existing.isEmpty()) {
                existing.putObject(SELF);
            }
            return existing;
        }
        return parent.putObject(path.element());
    }

    /** After a path under PATH went: a node left empty was only there for it, and a node left with only its mark is a leaf. */
    private static void prune(ObjectNode tree, FieldPath path) {
        if (path.isRoot()) {
            return;
        }
        ObjectNode parent = (ObjectNode) find(tree, path.parent());
        ObjectNode node = (ObjectNode) parent.get(path.element());
        if (node.isEmpty()) {
            parent.remove(path.element());
            prune(tree, path.parent());
        } else if (node.size() == 1 && node.has(SELF)) {
            node.remove(SELF);
        }
    }
}
