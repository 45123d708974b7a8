package dev.skiff.api.selector;

import dev.skiff.api.validation.FieldError;
import dev.skiff.api.validation.NameValidation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One requirement of a label selector, e.g. {@code tier in (cache,web)}: a key, an operator and
 * the values (sorted, without duplicates).
 */
record Requirement(String key, Operator operator, List<String> values) {

    enum Operator { EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, DOES_NOT_EXIST, GREATER_THAN, LESS_THAN }

    /**
     * Validates a requirement as Kubernetes' {@code labels.NewRequirement} does. The error message
     * lists every problem, e.g. {@code values[0][tier]: Invalid value: "-x": a valid label must ...}.
     */
    static Requirement of(String key, Operator operator, List<String> values) {
        List<String> errors = new ArrayList<>();
        keyError("key", key).ifPresent(errors::add);
        switch (operator) {
            case IN, NOT_IN -> {
                if (values.isEmpty()) {
                    errors.add(invalidValues(values, "for 'in', 'notin' operators, values set can't be empty"));
                }
            }
            case EQUALS, NOT_EQUALS -> {
                if (values.size() != 1) {
                    errors.add(invalidValues(values, "exact-match compatibility requires one single value"));
                }
            }
            case EXISTS, DOES_NOT_EXIST -> {
                if (!values.isEmpty()) {
                    errors.add(invalidValues(values, "values set must be empty for exists and does not exist"));
                }
            }
            case GREATER_THAN, LESS_THAN -> {
                if (values.size() != 1) {
                    errors.add(invalidValues(values, "for 'Gt', 'Lt' operators, exactly one value is required"));
                }
                for (int i = 0; i < values.size(); i++) {
                    if (parseInteger(values.get(i)) == null) {
                        errors.add(FieldError.invalid("values[" + i + "]", values.get(i),
                                "for 'Gt', 'Lt' operators, the value must be an integer").toString());
                    }
                }
            }
        }
        for (int i = 0; i < values.size(); i++) {
            List<String> problems = NameValidation.labelValue(values.get(i));
            if (!problems.isEmpty()) {
                errors.add(FieldError.invalid("values[" + i + "][" + key + "]", values.get(i),
                        String.join("; ", problems)).toString());
            }
        }
        if (!errors.isEmpty()) {
            // Kubernetes' aggregate error: one message alone, several in brackets.
            throw new SelectorException(errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]");
        }
        return new Requirement(key, operator, values.stream().distinct().sorted().toList());
    }

    /** Kubernetes' error for a key that is not a qualified name, e.g. {@code key: Invalid value: "a/b/c": …}. */
    static Optional<String> keyError(String field, String key) {
        List<String> problems = NameValidation.qualifiedName(key);
        return problems.isEmpty() ? Optional.empty()
                : Optional.of(FieldError.invalid(field, key, String.join("; ", problems)).toString());
    }

    boolean matches(Map<String, String> labels) {
        boolean present = labels.containsKey(key);
        String value = labels.get(key);
        return switch (operator) {
            case EQUALS, IN -> present && values.contains(value);
            case NOT_EQUALS, NOT_IN -> !present || !values.contains(value);
            case EXISTS -> present;
            case DOES_NOT_EXIST -> !present;
            case GREATER_THAN, LESS_THAN -> {
                Long actual = present ? parseInteger(value) : null;
                if (actual == null) {
                    yield false;
                }
                long bound = parseInteger(values.get(0));
                yield operator == Operator.GREATER_THAN ? actual > bound : actual < bound;
            }
        };
    }

    /** The canonical form, e.g. {@code !canary}, {@code tier in (cache,web)}, {@code env=prod}. */
    @Override
    public String toString() {
        String joined = String.join(",", values);
        return switch (operator) {
            case EQUALS -> key + "=" + joined;
            case NOT_EQUALS -> key + "!=" + joined;
            case IN -> key + " in (" + joined + ")";
            case NOT_IN -> key + " notin (" + joined + ")";
            case EXISTS -> key;
            case DOES_NOT_EXIST -> "!" + key;
            case GREATER_THAN -> key + ">" + joined;
            case LESS_THAN -> key + "<" + joined;
        };
    }

    private static String invalidValues(List<String> values, String detail) {
        return FieldError.invalid("values", values, detail).toString();
    }

    private static Long parseInteger(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
