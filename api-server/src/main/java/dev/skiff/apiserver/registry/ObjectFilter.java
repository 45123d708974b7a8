package dev.skiff.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.resource.ResourceType;
import dev.skiff.api.selector.FieldSelector;
import dev.skiff.api.selector.LabelSelector;
import dev.skiff.api.status.ApiException;
import dev.skiff.apiserver.admission.TypedObjects;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.lang.reflect.InvocationTargetException;
import java.util.Set;

/** The label and field selectors of a list or watch, applied to objects of one type. */
public final class ObjectFilter {

    private final ResourceType type;
    private final LabelSelector labels;
    private final FieldSelector fields;

    private ObjectFilter(ResourceType type, LabelSelector labels, FieldSelector fields) {
        this.type = type;
        this.labels = labels;
        this.fields = fields;
    }

    /** Parses the query's selectors; bad syntax or an unsupported field is 400 BadRequest. */
    public static ObjectFilter parse(ResourceType type, String labelSelector, String fieldSelector) {
        LabelSelector labels;
        FieldSelector fields;
        try {
            labels = labelSelector == null || labelSelector.isBlank() ? LabelSelector.everything() : LabelSelector.parse(labelSelector);
            fields = fieldSelector == null || fieldSelector.isBlank() ? FieldSelector.everything() : FieldSelector.parse(fieldSelector);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("unable to parse requirement: " + e.getMessage());
        }
        if (!fields.isEmpty()) {
            Set<String> supported = type.strategy().selectableFields(emptyObject(type)).keySet();
            for (String field : fields.fieldNames()) {
                if (!supported.contains(field)) {
                    throw ApiException.badRequest("field label not supported: " + field);
                }
            }
        }
        return new ObjectFilter(type, labels, fields);
    }

    public boolean matchesEverything() {
        return labels.isEmpty() && fields.isEmpty();
    }

    public boolean matches(ObjectNode object) {
        if (!labels.isEmpty() && !labels.matches(ObjectMeta.labels(object))) {
            return false;
        }
        return fields.isEmpty() || fields.matches(type.strategy().selectableFields(TypedObjects.toTyped(type, object)));
    }

    private static HasMetadata emptyObject(ResourceType type) {
        try {
            return type.type().getDeclaredConstructor().newInstance();
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException | NoSuchMethodException e) {
            throw new IllegalStateException("cannot instantiate " + type.type(), e);
        }
    }
}
