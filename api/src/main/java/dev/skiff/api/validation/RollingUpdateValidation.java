package dev.skiff.api.validation;

import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.ArrayList;
import java.util.List;

/**
 * The amounts of a rolling update (a Deployment's, a DaemonSet's): {@code maxUnavailable} and
 * {@code maxSurge}, each a non-negative integer or a percentage such as {@code 25%}.
 */
final class RollingUpdateValidation {

    private RollingUpdateValidation() {
    }

    /**
     * Both amounts well formed; maxUnavailable, and maxSurge when CAP_SURGE, at most 100%. Which of
     * them may be 0 is the kind's rule.
     */
    static List<FieldError> amounts(IntOrString maxUnavailable, IntOrString maxSurge, String path, boolean capSurge) {
        List<FieldError> errors = new ArrayList<>();
        errors.addAll(intOrPercent(maxUnavailable, path + ".maxUnavailable"));
        errors.addAll(intOrPercent(maxSurge, path + ".maxSurge"));
        errors.addAll(atMostAll(maxUnavailable, path + ".maxUnavailable"));
        if (capSurge) {
            errors.addAll(atMostAll(maxSurge, path + ".maxSurge"));
        }
        return errors;
    }

    /** The number in an int-or-percent (25 for "25%"); 0 when unset or malformed. */
    static long value(IntOrString value) {
        if (isPercent(value)) {
            String digits = value.getStrVal().substring(0, value.getStrVal().length() - 1);
            return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
        }
        return value == null || value.getIntVal() == null ? 0 : value.getIntVal();
    }

    private static List<FieldError> intOrPercent(IntOrString value, String path) {
        if (value == null) {
            return List.of();
        }
        if (value.getStrVal() != null) {
            return FieldError.invalid(path, value, NameValidation.percent(value.getStrVal()));
        }
        return FieldValidation.nonNegative(value.getIntVal(), path);
    }

    private static List<FieldError> atMostAll(IntOrString value, String path) {
        return isPercent(value) && value(value) > 100 ? List.of(FieldError.invalid(path, value, "must not be greater than 100%")) : List.of();
    }

    private static boolean isPercent(IntOrString value) {
        return value != null && value.getStrVal() != null && NameValidation.percent(value.getStrVal()).isEmpty();
    }
}
