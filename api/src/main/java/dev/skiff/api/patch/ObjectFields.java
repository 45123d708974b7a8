package dev.skiff.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.api.patch.StrategicMergeSchema.Field;
import dev.skiff.api.patch.StrategicMergeSchema.Type;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The fields an object sets, as server-side apply counts them: every leaf (a scalar, null, an
 * empty object, a list replaced as a whole) with its value, and every element of a keyed list
 * itself. Lists merged by key or as sets in a strategic merge patch are keyed lists and sets here
 * too ({@link StrategicMergeSchema}); other lists are atomic. Server-set metadata, apiVersion and
 * kind are no one's; {@code status} is counted only for the status subresource, and only it then.
 *
 * @param leaves the leaves and their values
 * @param items  the elements of keyed lists
 */
record ObjectFields(Map<FieldPath, JsonNode> leaves, Set<FieldPath> items) {

    private static final Set<String> SERVER_METADATA = Set.of("name", "namespace", "uid", "resourceVersion", "generation",
            "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "managedFields", "selfLink");

    static ObjectFields of(JsonNode object, String kind, boolean status) {
        ObjectFields fields = new ObjectFields(new LinkedHashMap<>(), new LinkedHashSet<>());
        if (object == null) {
            return fields;
        }
        Type root = StrategicMergeSchema.ofKind(kind).orElse(Type.PLAIN);
        object.fields().forEachRemaining(entry -> {
            String name = entry.getKey();
            if (name.equals("apiVersion") || name.equals("kind") || name.equals("status") != status) {
                return;
            }
            FieldPath path = FieldPath.ROOT.field(name);
            if (name.equals("metadata") && entry.getValue().isObject()) {
                Type metadata = root.field("metadata").type();
                entry.getValue().fields().forEachRemaining(meta -> {
                    if (!SERVER_METADATA.contains(meta.getKey())) {
                        fields.walk(path.field(meta.getKey()), meta.getValue(), metadata.field(meta.getKey()));
                    }
                });
            } else {
                fields.walk(path, entry.getValue(), root.field(name));
            }
        });
        return fields;
    }

    /** Every path: the leaves and the list elements. */
    Set<FieldPath> all() {
        Set<FieldPath> all = new LinkedHashSet<>(leaves.keySet());
        all.addAll(items);
        return all;
    }

    boolean contains(FieldPath path) {
        return leaves.containsKey(path) || items.contains(path);
    }

    private void walk(FieldPath path, JsonNode value, Field field) {
        if (value.isObject() && !value.isEmpty()) {
            Type type = field.type();
            value.fields().forEachRemaining(entry -> walk(path.field(entry.getKey()), entry.getValue(), type.field(entry.getKey())));
        } else if (value.isArray() && !value.isEmpty() && field.mergeList() && keyedOrSet(value, field)) {
            for (JsonNode element : value) {
                if (field.mergeKey() == null) {
                    leaves.put(path.value(element), element);
                } else {
                    FieldPath item = path.keyed(field.mergeKey(), element.get(field.mergeKey()));
                    items.add(item);
                    walk(item, element, new Field(field.typeName(), false, null));
                }
            }
        } else {
            leaves.put(path, value);
        }
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
}
