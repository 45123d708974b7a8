package dev.skiff.api.validation;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Labels and label selectors: keys are qualified names, values label values. */
public final class LabelValidation {

    private LabelValidation() {
    }

    /** Every key and value of a label map (metadata.labels, a nodeSelector, a service's selector). */
    public static List<FieldError> validateLabels(Map<String, String> labels, String path) {
        List<FieldError> errors = new ArrayList<>();
        if (labels == null) {
            return errors;
        }
        new TreeMap<>(labels).forEach((key, value) -> {
            errors.addAll(validateLabelKey(key, path));
            errors.addAll(FieldError.invalid(path, value, NameValidation.labelValue(value == null ? "" : value)));
        });
        return errors;
    }

    /** A label key, or anything keyed like one (taint and toleration keys). */
    public static List<FieldError> validateLabelKey(String key, String path) {
        String k = key == null ? "" : key;
        return FieldError.invalid(path, k, NameValidation.qualifiedName(k));
    }

    /** A {@code metav1.LabelSelector}: its matchLabels and each of its matchExpressions. */
    public static List<FieldError> validateSelector(LabelSelector selector, String path) {
        List<FieldError> errors = new ArrayList<>();
        if (selector == null) {
            return errors;
        }
        errors.addAll(validateLabels(selector.getMatchLabels(), path + ".matchLabels"));
        List<LabelSelectorRequirement> expressions = selector.getMatchExpressions();
        for (int i = 0; expressions != null && i < expressions.size(); i++) {
            errors.addAll(validateRequirement(expressions.get(i), path + ".matchExpressions[" + i + "]"));
        }
        return errors;
    }

    private static List<FieldError> validateRequirement(LabelSelectorRequirement requirement, String path) {
        List<FieldError> errors = new ArrayList<>();
        List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
        String operator = requirement.getOperator() == null ? "" : requirement.getOperator();
        switch (operator) {
            case "In", "NotIn" -> {
                if (values.isEmpty()) {
                    errors.add(FieldError.required(path + ".values",
                            "must be specified when `operator` is 'In' or 'NotIn'"));
                }
            }
            case "Exists", "DoesNotExist" -> {
                if (!values.isEmpty()) {
                    errors.add(FieldError.forbidden(path + ".values",
                            "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                }
            }
            default -> errors.add(FieldError.invalid(path + ".operator", operator, "not a valid selector operator"));
        }
        errors.addAll(validateLabelKey(requirement.getKey(), path + ".key"));
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i) == null ? "" : values.get(i);
            String valuePath = path + ".values[" + i + "]";
            errors.addAll(FieldError.invalid(valuePath, value, NameValidation.labelValue(value)));
        }
        return errors;
    }
}
