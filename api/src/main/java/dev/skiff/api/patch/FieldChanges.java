package dev.skiff.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.patch.StrategicMergeSchema.Field;
import dev.skiff.api.patch.StrategicMergeSchema.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * How two states of an object differ, field by field, as server-side apply counts fields: a field
 * is a leaf (a scalar, null, an empty object, a list replaced as a whole) or an element of a keyed
 * list. Lists merged by key or as sets in a strategic merge patch are keyed lists and sets here too
 * ({@link StrategicMergeSchema}); other lists are atomic. Server-set metadata, apiVersion and kind
 * are no one's; {@code status} is counted only for the status subresource, and only it then.
 * Both states are walked together once, so a write pays for one pass over the object.
 */
final class FieldChanges {

    private static final Set<String> SERVER_METADATA = Set.of("name", "namespace", "uid", "resourceVersion", "generation",
            "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "managedFields", "selfLink");
    private static final Predicate<String> EVERY_FIELD = name -> true;

    /** What a value is at a field: absent, an object or list whose fields are counted one by one, or one field. */
    private enum Shape { NONE, OBJECT, KEYED, SET, LEAF }

    private final List<FieldPath> added = new ArrayList<>();
    private final List<FieldPath> modified = new ArrayList<>();
    private final List<FieldPath> removed = new ArrayList<>();

    private FieldChanges() {
    }

    /** From BEFORE to AFTER (either null: no object), counting the status fields only when STATUS. */
    static FieldChanges between(JsonNode before, JsonNode after, String kind, boolean status) {
        FieldChanges changes = new FieldChanges();
        Type root = StrategicMergeSchema.ofKind(kind).orElse(Type.PLAIN);
        Type metadata = root.field("metadata").type();
        changes.walkFields(FieldPath.ROOT, objectOrNull(before), objectOrNull(after), root,
                name -> !name.equals("apiVersion") && !name.equals("kind") && name.equals("status") == status,
                (path, name, b, a) -> {
                    if (name.equals("metadata") && (isObject(b) || isObject(a))) {
                        changes.walkFields(path, objectOrNull(b), objectOrNull(a), metadata, field -> !SERVER_METADATA.contains(field), null);
                        return true;
                    }
                    return false;
                });
        return changes;
    }

    /** Every field OBJECT sets: its changes from nothing. */
    static List<FieldPath> of(JsonNode object, String kind, boolean status) {
        return between(null, object, kind, status).added;
    }

    /** The fields the new state has and the old did not: leaves, and elements of keyed lists; parents before their children. */
    List<FieldPath> added() {
        return added;
    }

    /** The leaves both states have, with another value now. */
    List<FieldPath> modified() {
        return modified;
    }

    /** The fields the old state had and the new does not. */
    List<FieldPath> removed() {
        return removed;
    }

    boolean isEmpty() {
        return added.isEmpty() && modified.isEmpty() && removed.isEmpty();
    }

    /** Walks a field specially (the root's metadata); false to walk it as any other. */
    private interface SpecialField {
        boolean walk(FieldPath path, String name, JsonNode before, JsonNode after);
    }

    /** The INCLUDED fields of two objects (either null) at PATH, of type TYPE. */
    private void walkFields(FieldPath path, ObjectNode before, ObjectNode after, Type type, Predicate<String> included,
                            SpecialField special) {
        if (after != null) {
            for (Map.Entry<String, JsonNode> field : after.properties()) {
                String name = field.getKey();
                if (included.test(name)) {
                    walkField(path.field(name), name, before == null ? null : before.get(name), field.getValue(), type, special);
                }
            }
        }
        if (before != null) {
            for (Map.Entry<String, JsonNode> field : before.properties()) {
                String name = field.getKey();
                if (included.test(name) && (after == null || !after.has(name))) {
                    walkField(path.field(name), name, field.getValue(), null, type, special);
                }
            }
        }
    }

    private void walkField(FieldPath path, String name, JsonNode before, JsonNode after, Type type, SpecialField special) {
        if (special == null || !special.walk(path, name, before, after)) {
            walk(path, before, after, type.field(name));
        }
    }

    /** The values at PATH before and after (either null: absent). */
    private void walk(FieldPath path, JsonNode before, JsonNode after, Field field) {
        Shape was = shape(before, field);
        Shape is = shape(after, field);
        if (is == Shape.LEAF) {
            if (was != Shape.LEAF) {
                added.add(path);
            } else if (!JsonValues.equal(before, after)) {
                modified.add(path);
            }
        } else if (was == Shape.LEAF) {
            removed.add(path);
        }
        if (was == Shape.OBJECT || is == Shape.OBJECT) {
            walkFields(path, was == Shape.OBJECT ? (ObjectNode) before : null, is == Shape.OBJECT ? (ObjectNode) after : null,
                    field.type(), EVERY_FIELD, null);
        }
        if (was == Shape.KEYED || is == Shape.KEYED) {
            walkKeyed(path, was == Shape.KEYED ? before : null, is == Shape.KEYED ? after : null, field);
        }
        if (was == Shape.SET || is == Shape.SET) {
            walkSet(path, was == Shape.SET ? before : null, is == Shape.SET ? after : null);
        }
    }

    /** Elements of keyed lists, matched by key: each element is a field, and so is each of its fields. */
    private void walkKeyed(FieldPath path, JsonNode before, JsonNode after, Field field) {
        String key = field.mergeKey();
        Type type = field.type();
        if (after != null) {
            for (JsonNode element : after) {
                JsonNode match = find(before, key, element.get(key));
                FieldPath item = path.keyed(key, element.get(key));
                if (match == null) {
                    added.add(item);
                }
                walkFields(item, (ObjectNode) match, (ObjectNode) element, type, EVERY_FIELD, null);
            }
        }
        if (before != null) {
            for (JsonNode element : before) {
                if (find(after, key, element.get(key)) == null) {
                    FieldPath item = path.keyed(key, element.get(key));
                    removed.add(item);
                    walkFields(item, (ObjectNode) element, null, type, EVERY_FIELD, null);
                }
            }
        }
    }

    /** Values of set-like lists: each value is a field. */
    private void walkSet(FieldPath path, JsonNode before, JsonNode after) {
        if (after != null) {
            for (JsonNode value : after) {
                if (find(before, null, value) == null) {
                    added.add(path.value(value));
                }
            }
        }
        if (before != null) {
            for (JsonNode value : before) {
                if (find(after, null, value) == null) {
                    removed.add(path.value(value));
                }
            }
        }
    }

    /** The element of LIST (null: none) whose KEY is VALUE, or that is VALUE when KEY is null. */
    private static JsonNode find(JsonNode list, String key, JsonNode value) {
        if (list != null) {
            for (JsonNode element : list) {
                if (JsonValues.equal(key == null ? element : element.get(key), value)) {
                    return element;
                }
            }
        }
        return null;
    }

    private static Shape shape(JsonNode value, Field field) {
        if (value == null) {
            return Shape.NONE;
        }
        if (value.isObject() && !value.isEmpty()) {
            return Shape.OBJECT;
        }
        if (value.isArray() && !value.isEmpty() && field.mergeList() && keyedOrSet(value, field)) {
            return field.mergeKey() == null ? Shape.SET : Shape.KEYED;
        }
        return Shape.LEAF;
    }

    /** A keyed list whose every element has its key, or a set of scalars; anything else counts as one value. */
    private static boolean keyedOrSet(JsonNode list, Field field) {
        for (JsonNode element : list) {
            boolean fits = field.mergeKey() == null ? element.isValueNode() : element.isObject() && element.hasNonNull(field.mergeKey());
            if (!fits) {
                return false;
            }
        }
        return true;
    }

    private static boolean isObject(JsonNode value) {
        return value != null && value.isObject();
    }

    private static ObjectNode objectOrNull(JsonNode value) {
        return isObject(value) ? (ObjectNode) value : null;
    }
}
