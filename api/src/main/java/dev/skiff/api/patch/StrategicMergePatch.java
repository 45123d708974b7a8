package dev.skiff.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.patch.StrategicMergeSchema.Field;
import dev.skiff.api.patch.StrategicMergeSchema.Type;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Kubernetes' strategic merge patch, as kubectl apply, edit, patch, set and rollout send it. It
 * is a JSON merge patch (objects merge, null deletes a field) in which lists that have a merge
 * key in {@link StrategicMergeSchema} merge element by element, merged lists of primitives act
 * as sets, and these directives are understood:
 * <ul>
 * <li>{@code $patch: replace} in an object replaces it; as a list element, replaces the list
 * with the other elements;</li>
 * <li>{@code $patch: delete} in an object empties it (as Kubernetes does); in a list element
 * with a merge key, removes the elements with that key;</li>
 * <li>{@code $patch: merge} asks for the default, merging;</li>
 * <li>{@code $retainKeys: [...]} clears the fields of the object that it does not list;</li>
 * <li>{@code $setElementOrder/<list>: [...]} orders the list (by merge key, or by value);</li>
 * <li>{@code $deleteFromPrimitiveList/<list>: [...]} removes values from a merged primitive list.</li>
 * </ul>
 * Without {@code $setElementOrder}, a merged list keeps Kubernetes' order: the patch's items in
 * the patch's order, interleaved with the other items by their current positions, items new to
 * the list ahead of the current items not placed yet. The result holds no directive.
 */
public final class StrategicMergePatch {

    private static final String PATCH = "$patch";
    private static final String RETAIN_KEYS = "$retainKeys";
    private static final String SET_ELEMENT_ORDER = "$setElementOrder";
    private static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList";

    // Kubernetes' messages for malformed directives.
    private static final String BAD_RETAIN_KEYS = "invalid patch format of retainKeys";
    private static final String BAD_SET_ELEMENT_ORDER = "invalid patch format of setElementOrder list";
    private static final String BAD_PRIMITIVE_LIST = "invalid patch format of primitive list";

    private StrategicMergePatch() {
    }

    /**
     * The object with the patch applied, as a new tree; neither input is changed.
     *
     * @param kind the object's kind, which selects the merge keys, e.g. "Deployment"
     * @throws PatchException 415 for a kind without strategic merge metadata, 400 for a patch
     *                        that is not a valid strategic merge patch, 422 for one whose lists
     *                        cannot merge with the object's
     */
    public static JsonNode apply(String kind, JsonNode original, JsonNode patch) {
        Objects.requireNonNull(patch, "patch");
        Type root = StrategicMergeSchema.ofKind(kind).orElseThrow(() ->
                PatchException.unsupported("strategic merge patch is not supported for kind " + kind));
        if (!patch.isObject()) {
            throw PatchException.invalidPatch("a strategic merge patch must be a JSON object");
        }
        ObjectNode target = original instanceof ObjectNode object ? object.deepCopy() : object();
        return mergeObject(target, (ObjectNode) patch, root);
    }

    /** Merges into {@code target}, a copy owned by this patch that is changed in place; returns the result. */
    private static ObjectNode mergeObject(ObjectNode target, ObjectNode patch, Type type) {
        ObjectNode result = target;
        JsonNode directive = patch.get(PATCH);
        if (directive != null) {
            switch (directive.asText()) {
                case "delete" -> {
                    return object();
                }
                case "replace" -> result = object();
                case "merge" -> {
                }
                default -> throw unknownDirective(directive, patch);
            }
        }
        retainKeys(result, patch);
        Set<String> ordered = applyElementOrders(result, patch, type);
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            String name = member.getKey();
            JsonNode value = member.getValue();
            if (name.equals(PATCH) || name.equals(RETAIN_KEYS) || name.startsWith(SET_ELEMENT_ORDER)
                    || ordered.contains(name)) {
                continue;
            }
            if (name.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
                deleteFromPrimitiveList(result, listName(name, DELETE_FROM_PRIMITIVE_LIST, BAD_PRIMITIVE_LIST), value);
            } else if (value.isNull()) {
                result.remove(name);
            } else {
                result.set(name, mergeValue(result.get(name), value, type.field(name)));
            }
        }
        return result;
    }

    /** The merge of one field's value; {@code current} is null when the field is absent. */
    private static JsonNode mergeValue(JsonNode current, JsonNode patch, Field field) {
        if (patch.isObject()) {
            ObjectNode base = current instanceof ObjectNode object ? object : object();
            return mergeObject(base, (ObjectNode) patch, field.type());
        }
        if (patch.isArray()) {
            ArrayNode base = current instanceof ArrayNode array ? array : array();
            return field.mergeList() ? mergeList(base, (ArrayNode) patch, field) : replaceList(patch, field.type());
        }
        return patch.deepCopy();
    }

    /** The patch's elements, with the directives and nulls inside its objects resolved. */
    private static ArrayNode replaceList(Iterable<JsonNode> patch, Type elementType) {
        ArrayNode result = array();
        for (JsonNode element : patch) {
            result.add(element instanceof ObjectNode object
                    ? mergeObject(object(), object, elementType) : element.deepCopy());
        }
        return result;
    }

    private static ArrayNode mergeList(ArrayNode current, ArrayNode patch, Field field) {
        if (current.isEmpty() && patch.isEmpty()) {
            return current;
        }
        if (!holdsObjects(current, patch)) {
            return mergePrimitives(current, patch);
        }
        if (field.mergeKey() == null) {
            throw PatchException.cannotApply("cannot merge a list of objects without a merge key: " + patch);
        }
        return mergeObjects(current, patch, field.mergeKey(), field.type());
    }

    /** True if the lists hold objects, false if primitives; lists of lists and mixed lists do not merge. */
    private static boolean holdsObjects(ArrayNode current, ArrayNode patch) {
        Boolean objects = null;
        for (ArrayNode list : List.of(current, patch)) {
            for (JsonNode element : list) {
                if (element.isArray()) {
                    throw PatchException.cannotApply("lists of lists are not supported");
                }
                if (objects == null) {
                    objects = element.isObject();
                } else if (objects != element.isObject()) {
                    throw PatchException.cannotApply("list element types are not identical: " + current + ", " + patch);
                }
            }
        }
        return objects;
    }

    /** A set union, without duplicates. */
    private static ArrayNode mergePrimitives(ArrayNode current, ArrayNode patch) {
        List<JsonNode> merged = new ArrayList<>();
        for (ArrayNode list : List.of(current, patch)) {
            for (JsonNode element : list) {
                if (indexOf(merged, element) < 0) {
                    merged.add(element.deepCopy());
                }
            }
        }
        return array(order(merged, Function.identity(), elements(patch), elements(current)));
    }

    private static ArrayNode mergeObjects(ArrayNode current, ArrayNode patch, String mergeKey, Type elementType) {
        List<JsonNode> merged = elements(current);
        List<JsonNode> changes = new ArrayList<>();
        boolean replace = false;
        for (JsonNode element : patch) {
            JsonNode directive = element.get(PATCH);
            if (directive == null) {
                changes.add(element);
                continue;
            }
            switch (directive.asText()) {
                case "delete" -> {
                    JsonNode key = mergeKeyOf(element, mergeKey);
                    merged.removeIf(item -> JsonValues.equal(item.get(mergeKey), key));
                }
                case "replace" -> replace = true;
                case "merge" -> {
                    // Alone it only restates the default; with other fields it is an ordinary element.
                    if (element.size() > 1) {
                        changes.add(element);
                    }
                }
                default -> throw unknownDirective(directive, element);
            }
        }
        if (replace) {
            return replaceList(changes, elementType);
        }
        Function<JsonNode, JsonNode> key = item -> item.get(mergeKey);
        List<JsonNode> serverOrder = merged.stream().map(key).toList();
        List<JsonNode> patchOrder = new ArrayList<>();
        for (JsonNode change : changes) {
            JsonNode changeKey = mergeKeyOf(change, mergeKey);
            patchOrder.add(changeKey);
            int index = indexOf(merged.stream().map(key).toList(), changeKey);
            if (index >= 0) {
                merged.set(index, mergeObject((ObjectNode) merged.get(index), (ObjectNode) change, elementType));
            } else {
                merged.add(mergeObject(object(), (ObjectNode) change, elementType));
            }
        }
        return array(order(merged, key, patchOrder, serverOrder));
    }

    /**
     * Orders a merged list as Kubernetes does: the items the patch names in the patch's order,
     * the other (server-only) items in their current order, interleaved so that a server-only
     * item goes first while it stands before the next patch item in the current list. An item
     * new to the list has no current position, so it goes ahead of the server-only items left.
     *
     * @param identity    what identifies an item: its merge key value, or the item itself
     * @param patchOrder  identities in the order the patch wants
     * @param serverOrder identities in the current list's order
     */
    private static List<JsonNode> order(List<JsonNode> items, Function<JsonNode, JsonNode> identity,
                                        List<JsonNode> patchOrder, List<JsonNode> serverOrder) {
        List<JsonNode> fromPatch = new ArrayList<>();
        List<JsonNode> serverOnly = new ArrayList<>();
        for (JsonNode item : items) {
            (indexOf(patchOrder, identity.apply(item)) >= 0 ? fromPatch : serverOnly).add(item);
        }
        fromPatch.sort(Comparator.comparingInt(item -> indexOf(patchOrder, identity.apply(item))));
        serverOnly.sort(Comparator.comparingInt(item -> position(serverOrder, identity.apply(item))));
        List<JsonNode> result = new ArrayList<>(items.size());
        int s = 0;
        int p = 0;
        while (s < serverOnly.size() || p < fromPatch.size()) {
            boolean serverFirst = p == fromPatch.size() || s < serverOnly.size()
                    && standsBefore(serverOnly.get(s), fromPatch.get(p), identity, serverOrder);
            result.add(serverFirst ? serverOnly.get(s++) : fromPatch.get(p++));
        }
        return result;
    }

    /** True if both items are in the current list, {@code a} before {@code b}. */
    private static boolean standsBefore(JsonNode a, JsonNode b, Function<JsonNode, JsonNode> identity,
                                        List<JsonNode> serverOrder) {
        int positionOfA = indexOf(serverOrder, identity.apply(a));
        int positionOfB = indexOf(serverOrder, identity.apply(b));
        return positionOfA >= 0 && positionOfB >= 0 && positionOfA < positionOfB;
    }

    /**
     * Applies the {@code $setElementOrder/<list>} directives: merges each list with the patch's
     * items for it, then orders it. Returns the names of the lists merged here.
     */
    private static Set<String> applyElementOrders(ObjectNode target, ObjectNode patch, Type type) {
        Set<String> merged = new HashSet<>();
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            if (!member.getKey().startsWith(SET_ELEMENT_ORDER)) {
                continue;
            }
            String name = listName(member.getKey(), SET_ELEMENT_ORDER, BAD_SET_ELEMENT_ORDER);
            JsonNode order = member.getValue();
            JsonNode changes = patch.get(name);
            if (!order.isArray() || changes != null && !changes.isArray()) {
                throw PatchException.invalidPatch(BAD_SET_ELEMENT_ORDER);
            }
            Field field = type.field(name);
            Function<JsonNode, JsonNode> identity =
                    item -> field.mergeKey() != null && item.isObject() ? item.get(field.mergeKey()) : item;
            List<JsonNode> wanted = elements(order).stream().map(identity).toList();
            if (changes != null) {
                checkOrder(changes, order, wanted, field.mergeKey());
            }
            ArrayNode current = target.get(name) instanceof ArrayNode array ? array : null;
            if (changes == null && current == null) {
                continue;
            }
            List<JsonNode> serverOrder = current == null ? List.of()
                    : elements(current).stream().map(identity).toList();
            JsonNode result = changes == null ? current : mergeValue(current, changes, field);
            target.set(name, array(order(elements(result), identity, wanted, serverOrder)));
            if (changes != null) {
                merged.add(name);
            }
        }
        return merged;
    }

    /** The patch's own items must all be in {@code $setElementOrder}, in the same relative order. */
    private static void checkOrder(JsonNode changes, JsonNode order, List<JsonNode> wanted, String mergeKey) {
        int next = 0;
        for (JsonNode change : changes) {
            if (change.has(PATCH)) {
                continue;
            }
            JsonNode id = mergeKey != null && change.isObject() ? mergeKeyOf(change, mergeKey) : change;
            while (next < wanted.size() && !JsonValues.equal(wanted.get(next), id)) {
                next++;
            }
            if (next == wanted.size()) {
                throw PatchException.invalidPatch("the order in patch list " + changes
                        + " doesn't match $setElementOrder list " + order);
            }
            next++;
        }
    }

    /** Applies {@code $retainKeys}: clears the target's fields it does not list; the patch may set only those. */
    private static void retainKeys(ObjectNode target, ObjectNode patch) {
        JsonNode keys = patch.get(RETAIN_KEYS);
        if (keys == null) {
            return;
        }
        if (!keys.isArray()) {
            throw PatchException.invalidPatch(BAD_RETAIN_KEYS);
        }
        Set<String> retained = new HashSet<>();
        keys.forEach(key -> retained.add(key.asText()));
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            String name = member.getKey();
            boolean directive = name.equals(PATCH) || name.equals(RETAIN_KEYS)
                    || name.startsWith(SET_ELEMENT_ORDER) || name.startsWith(DELETE_FROM_PRIMITIVE_LIST);
            if (!directive && !member.getValue().isNull() && !retained.contains(name)) {
                throw PatchException.invalidPatch(BAD_RETAIN_KEYS + ": the patch sets \"" + name
                        + "\", which $retainKeys does not list");
            }
        }
        target.retain(retained);
    }

    private static void deleteFromPrimitiveList(ObjectNode target, String name, JsonNode values) {
        if (!values.isArray() || elements(values).stream().anyMatch(JsonNode::isContainerNode)) {
            throw PatchException.invalidPatch(BAD_PRIMITIVE_LIST);
        }
        if (target.get(name) instanceof ArrayNode current) {
            List<JsonNode> deleted = elements(values);
            target.set(name, array(elements(current).stream().filter(e -> indexOf(deleted, e) < 0).toList()));
        }
    }

    /** The list that a {@code <prefix>/<list>} directive key is about. */
    private static String listName(String key, String prefix, String error) {
        if (key.length() <= prefix.length() + 1 || key.charAt(prefix.length()) != '/') {
            throw PatchException.invalidPatch(error);
        }
        return key.substring(prefix.length() + 1);
    }

    private static JsonNode mergeKeyOf(JsonNode element, String mergeKey) {
        JsonNode key = element.get(mergeKey);
        if (key == null) {
            throw PatchException.invalidPatch("map: " + element + " does not contain declared merge key: " + mergeKey);
        }
        return key;
    }

    private static PatchException unknownDirective(JsonNode directive, JsonNode where) {
        return PatchException.invalidPatch("unknown patch type: " + directive.asText() + " in map: " + where);
    }

    private static int indexOf(List<JsonNode> list, JsonNode value) {
        for (int i = 0; i < list.size(); i++) {
            if (JsonValues.equal(list.get(i), value)) {
                return i;
            }
        }
        return -1;
    }

    /** The index of {@code value} in {@code list}, or past any index when it is not there. */
    private static int position(List<JsonNode> list, JsonNode value) {
        int index = indexOf(list, value);
        return index < 0 ? Integer.MAX_VALUE : index;
    }

    private static List<JsonNode> elements(JsonNode list) {
        List<JsonNode> elements = new ArrayList<>(list.size());
        list.forEach(elements::add);
        return elements;
    }

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    private static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    private static ArrayNode array(List<JsonNode> elements) {
        return array().addAll(elements);
    }
}
