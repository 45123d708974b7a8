package dev.skiff.api.validation;

import java.util.List;

/** Rules that apply to single fields of any type: signs of numbers, choices, immutability. */
public final class FieldValidation {

    static final String NEGATIVE = "must be greater than or equal to 0";
    private static final String IMMUTABLE = "field is immutable";

    private FieldValidation() {
    }

    /** Kubernetes' ValidateNonnegativeField; a null value (unset) passes. */
    public static List<FieldError> nonNegative(Number value, String path) {
        return value != null && value.longValue() < 0 ? List.of(FieldError.invalid(path, value, NEGATIVE)) : List.of();
    }

    /** A required choice: Required when empty, Unsupported when not one of {@code allowed}. */
    public static List<FieldError> oneOf(String value, List<String> allowed, String path) {
        if (value == null || value.isEmpty()) {
            return List.of(FieldError.required(path, ""));
        }
        return allowed.contains(value) ? List.of() : List.of(FieldError.notSupported(path, value, allowed));
    }

    /** A field that may not change once the object exists ({@code field is immutable}). */
    public static List<FieldError> immutable(Object newValue, Object oldValue, String path) {
        return JsonComparison.equal(newValue, oldValue) ? List.of()
                : List.of(FieldError.invalid(path, newValue, IMMUTABLE));
    }
}
