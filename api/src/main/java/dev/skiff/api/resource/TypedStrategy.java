package dev.skiff.api.resource;

import dev.skiff.api.validation.FieldError;
import dev.skiff.api.validation.JsonComparison;
import dev.skiff.api.validation.ObjectMetaValidation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generic half of every strategy: casts to the model class, checks the metadata rules every update
 * shares, compares specs for the generation, and starts the selectable fields with name and namespace.
 * Subclasses supply defaults, validation, the spec and their extra selectable fields.
 */
abstract class TypedStrategy<T extends HasMetadata> implements ResourceStrategy {

    private final Class<T> type;

    protected TypedStrategy(Class<T> type) {
        this.type = type;
    }

    @Override
    public final void prepareForUpdate(HasMetadata object, HasMetadata old) {
        carryOver(type.cast(object), type.cast(old));
    }

    @Override
    public final void prepareForCreate(HasMetadata object) {
        clearStatus(type.cast(object));
        initialize(type.cast(object));
    }

    @Override
    public final void applyDefaults(HasMetadata object) {
        defaults(type.cast(object));
    }

    @Override
    public final List<FieldError> validateCreate(HasMetadata object) {
        return validate(type.cast(object));
    }

    @Override
    public final List<FieldError> validateUpdate(HasMetadata object, HasMetadata old) {
        T current = type.cast(object);
        T previous = type.cast(old);
        List<FieldError> errors = new ArrayList<>(ObjectMetaValidation.validateUpdate(current.getMetadata(),
                previous.getMetadata()));
        errors.addAll(validateTransition(current, previous));
        return errors;
    }

    @Override
    public boolean hasStatus() {
        return false;
    }

    @Override
    public final boolean specChanged(HasMetadata object, HasMetadata old) {
        return !JsonComparison.equal(spec(type.cast(object)), spec(type.cast(old)));
    }

    @Override
    public final Map<String, String> selectableFields(HasMetadata object) {
        T typed = type.cast(object);
        ObjectMeta meta = typed.getMetadata() == null ? new ObjectMeta() : typed.getMetadata();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("metadata.name", orEmpty(meta.getName()));
        fields.put("metadata.namespace", orEmpty(meta.getNamespace()));
        addSelectableFields(typed, fields);
        return fields;
    }

    /** Removes a new object's status; nothing for a type without one. */
    protected void clearStatus(T object) {
    }

    /** Sets what a new object gets from its uid and name (a Job's generated selector); nothing by default. */
    protected void initialize(T object) {
    }

    /** Copies into an update what the type keeps from the stored object; nothing by default. */
    protected void carryOver(T object, T old) {
    }

    /** Fills in the type's defaults. */
    protected abstract void defaults(T object);

    /** The type's rules for an object as it would be stored, metadata included. */
    protected abstract List<FieldError> validate(T object);

    /** The type's rules for an update: by default those of {@link #validate}; immutable fields add their own. */
    protected List<FieldError> validateTransition(T object, T old) {
        return validate(object);
    }

    /** What a generation bump watches (the spec, or a ConfigMap's data); null for types with nothing such. */
    protected abstract Object spec(T object);

    /** Adds the type's own selectable fields, "" for unset values. */
    protected void addSelectableFields(T object, Map<String, String> fields) {
    }

    static String orEmpty(Object value) {
        return value == null ? "" : String.valueOf(value);
    }
}
