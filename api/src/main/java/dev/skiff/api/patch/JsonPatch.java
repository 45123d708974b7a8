package dev.skiff.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * RFC 6902 JSON patch: a list of {@code add}, {@code remove}, {@code replace}, {@code move},
 * {@code copy} and {@code test} operations on JSON pointers, applied in order and all or nothing.
 */
public final class JsonPatch {

    private enum Op { ADD, REMOVE, REPLACE, MOVE, COPY, TEST }

    private record Operation(Op op, JsonPointer path, JsonPointer from, JsonNode value) {
    }

    /** An array index: no sign, no leading zero; nine digits at most, so it fits an int. */
    private static final Pattern ARRAY_INDEX = Pattern.compile("0|[1-9][0-9]{0,8}");

    private JsonPatch() {
    }

    /**
     * The target with the operations applied, as a new tree; neither input is changed.
     *
     * @throws PatchException 400 when the patch is not a list of valid operations, 422 when an
     *                        operation does not apply (a path that does not exist, a failed test)
     */
    public static JsonNode apply(JsonNode target, JsonNode patch) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(patch, "patch");
        if (!patch.isArray()) {
            throw PatchException.invalidPatch("a JSON patch must be an array of operations");
        }
        List<Operation> operations = new ArrayList<>();
        patch.forEach(node -> operations.add(operation(node)));
        JsonNode document = target.deepCopy();
        for (Operation operation : operations) {
            document = apply(document, operation);
        }
        return document;
    }

    private static Operation operation(JsonNode node) {
        if (!node.isObject()) {
            throw PatchException.invalidPatch("a JSON patch operation must be an object: " + node);
        }
        String name = member(node, "op");
        Op op = switch (name) {
            case "add", "remove", "replace", "move", "copy", "test" -> Op.valueOf(name.toUpperCase(Locale.ROOT));
            default -> throw PatchException.invalidPatch("unknown JSON patch operation \"" + name + "\": " + node);
        };
        JsonPointer path = JsonPointer.parse(member(node, "path"));
        JsonPointer from = op == Op.MOVE || op == Op.COPY ? JsonPointer.parse(member(node, "from")) : null;
        JsonNode value = op == Op.ADD || op == Op.REPLACE || op == Op.TEST ? node.get("value") : null;
        if (value == null && (op == Op.ADD || op == Op.REPLACE || op == Op.TEST)) {
            throw PatchException.invalidPatch("a JSON patch " + name + " operation needs a \"value\": " + node);
        }
        if (op == Op.MOVE && from.isProperPrefixOf(path)) {
            throw PatchException.invalidPatch("a JSON patch cannot move \"" + from + "\" into its own child \""
                    + path + "\"");
        }
        return new Operation(op, path, from, value);
    }

    private static String member(JsonNode operation, String name) {
        JsonNode value = operation.get(name);
        if (value == null || !value.isTextual()) {
            throw PatchException.invalidPatch("a JSON patch operation needs a string \"" + name + "\": " + operation);
        }
        return value.asText();
    }

    /** Applies one operation to {@code document}, a copy owned by this patch; returns the new root. */
    private static JsonNode apply(JsonNode document, Operation operation) {
        JsonPointer path = operation.path();
        return switch (operation.op()) {
            case ADD -> add(document, path, operation.value().deepCopy(), "add");
            case REMOVE -> remove(document, path, "remove");
            case REPLACE -> replace(document, path, operation.value().deepCopy());
            case MOVE -> {
                JsonNode value = existingFrom(document, operation.from(), "move");
                yield path.equals(operation.from()) ? document
                        : add(remove(document, operation.from(), "move"), path, value, "move");
            }
            case COPY -> add(document, path, existingFrom(document, operation.from(), "copy").deepCopy(), "copy");
            case TEST -> {
                JsonNode actual = resolve(document, path);
                if (actual == null) {
                    throw missingPath("test", path);
                }
                if (!JsonValues.equal(actual, operation.value())) {
                    throw PatchException.cannotApply("testing value " + path + " failed: test failed");
                }
                yield document;
            }
        };
    }

    private static JsonNode add(JsonNode document, JsonPointer path, JsonNode value, String op) {
        if (path.isRoot()) {
            return value;
        }
        JsonNode parent = resolve(document, path.parent());
        if (parent instanceof ObjectNode object) {
            object.set(path.last(), value);
            return document;
        }
        if (parent instanceof ArrayNode array) {
            int index = path.last().equals("-") ? array.size() : index(path.last());
            if (index >= 0 && index <= array.size()) {
                array.insert(index, value);
                return document;
            }
        }
        throw missingPath(op, path);
    }

    private static JsonNode remove(JsonNode document, JsonPointer path, String op) {
        if (path.isRoot()) {
            throw PatchException.cannotApply(op + " operation does not apply: cannot remove the whole document");
        }
        JsonNode parent = resolve(document, path.parent());
        if (parent instanceof ObjectNode object && object.has(path.last())) {
            object.remove(path.last());
            return document;
        }
        if (parent instanceof ArrayNode array && isIndexOf(array, path.last())) {
            array.remove(index(path.last()));
            return document;
        }
        throw missingPath(op, path);
    }

    private static JsonNode replace(JsonNode document, JsonPointer path, JsonNode value) {
        if (path.isRoot()) {
            return value;
        }
        JsonNode parent = resolve(document, path.parent());
        if (parent instanceof ObjectNode object && object.has(path.last())) {
            object.set(path.last(), value);
            return document;
        }
        if (parent instanceof ArrayNode array && isIndexOf(array, path.last())) {
            array.set(index(path.last()), value);
            return document;
        }
        throw missingPath("replace", path);
    }

    private static JsonNode existingFrom(JsonNode document, JsonPointer from, String op) {
        JsonNode value = resolve(document, from);
        if (value == null) {
            throw PatchException.cannotApply(op + " operation does not apply: doc is missing from path: \""
                    + from + "\"");
        }
        return value;
    }

    /** The node the pointer points at, or null if there is none. */
    private static JsonNode resolve(JsonNode document, JsonPointer pointer) {
        JsonNode node = document;
        for (String token : pointer.tokens()) {
            if (node.isObject()) {
                node = node.get(token);
            } else if (node.isArray() && isIndexOf((ArrayNode) node, token)) {
                node = node.get(index(token));
            } else {
                return null;
            }
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    private static boolean isIndexOf(ArrayNode array, String token) {
        int index = index(token);
        return index >= 0 && index < array.size();
    }

    /** The array index a token denotes, or -1 if it is not one. */
    private static int index(String token) {
        return ARRAY_INDEX.matcher(token).matches() ? Integer.parseInt(token) : -1;
    }

    private static PatchException missingPath(String op, JsonPointer path) {
        return PatchException.cannotApply(op + " operation does not apply: doc is missing path: \"" + path + "\"");
    }
}
