package dev.skiff.api.validation;

import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.SuccessPolicy;
import io.fabric8.kubernetes.api.model.batch.v1.SuccessPolicyRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A job's {@code successPolicy}, as Kubernetes checks it: Indexed jobs only; 1 to 20 rules, each
 * with {@code succeededIndexes} (ascending, non-overlapping indexes and ranges below completions,
 * as {@code "0,2-4"}), {@code succeededCount} (at most completions, and at most the indexes listed),
 * or both.
 */
final class SuccessPolicyValidation {

    private static final int MAX_RULES = 20;
    /** Longest succeededIndexes, as Kubernetes: 64 KiB. */
    private static final int MAX_INDEXES_LENGTH = 64 * 1024;

    private SuccessPolicyValidation() {
    }

    static List<FieldError> validate(JobSpec spec, String path) {
        SuccessPolicy policy = spec.getSuccessPolicy();
        if (policy == null) {
            return List.of();
        }
        List<FieldError> errors = new ArrayList<>();
        String policyPath = path + ".successPolicy";
        if (!"Indexed".equals(spec.getCompletionMode())) {
            errors.add(FieldError.invalid(policyPath, policy, "requires indexed completion mode"));
        }
        List<SuccessPolicyRule> rules = Objects.requireNonNullElse(policy.getRules(), List.of());
        if (rules.isEmpty()) {
            errors.add(FieldError.required(policyPath + ".rules", "at least one rules must be specified when the successPolicy is specified"));
        }
        if (rules.size() > MAX_RULES) {
            errors.add(FieldError.tooMany(policyPath + ".rules", rules.size(), MAX_RULES));
        }
        for (int i = 0; i < rules.size(); i++) {
            errors.addAll(validateRule(rules.get(i), spec.getCompletions(), policyPath + ".rules[" + i + "]"));
        }
        return errors;
    }

    private static List<FieldError> validateRule(SuccessPolicyRule rule, Integer completions, String path) {
        List<FieldError> errors = new ArrayList<>();
        String indexes = rule.getSucceededIndexes();
        Integer count = rule.getSucceededCount();
        if (indexes == null && count == null) {
            errors.add(FieldError.required(path, "at least one of succeededCount or succeededIndexes must be specified"));
        }
        int listed = -1;
        if (indexes != null) {
            if (indexes.length() > MAX_INDEXES_LENGTH) {
                errors.add(FieldError.tooLong(path + ".succeededIndexes", MAX_INDEXES_LENGTH));
            } else {
                try {
                    listed = countIndexes(indexes, completions == null ? Integer.MAX_VALUE : completions);
                } catch (IllegalArgumentException e) {
                    errors.add(FieldError.invalid(path + ".succeededIndexes", indexes, "error parsing succeededIndexes: " + e.getMessage()));
                }
            }
        }
        if (count != null) {
            errors.addAll(FieldValidation.nonNegative(count, path + ".succeededCount"));
            if (completions != null && count > completions) {
                errors.add(FieldError.invalid(path + ".succeededCount", count,
                        "must be less than or equal to " + completions + " (the number of specified completions)"));
            } else if (listed >= 0 && count > listed) {
                errors.add(FieldError.invalid(path + ".succeededCount", count,
                        "must be less than or equal to " + listed + " (the number of indexes in the specified succeededIndexes field)"));
            }
        }
        return errors;
    }

    /** How many indexes TEXT lists; refused unless ascending, non-overlapping and below COMPLETIONS. */
    private static int countIndexes(String text, int completions) {
        int total = 0;
        long previous = -1;
        for (String part : text.split(",", -1)) {
            int dash = part.indexOf('-');
            long first = number(dash < 0 ? part : part.substring(0, dash));
            long last = dash < 0 ? first : number(part.substring(dash + 1));
            if (first > last) {
                throw new IllegalArgumentException("non-increasing order, previous: " + first + ", current: " + last);
            }
            if (first <= previous) {
                throw new IllegalArgumentException("overlapping intervals or non-increasing order at " + part);
            }
            if (last >= completions) {
                throw new IllegalArgumentException("too large index: " + last);
            }
            total += (int) (last - first + 1);
            previous = last;
        }
        return total;
    }

    private static long number(String text) {
        try {
            long value = Long.parseLong(text);
            if (value < 0) {
                throw new IllegalArgumentException("negative index: " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cannot convert string to integer for index: \"" + text + "\"");
        }
    }
}
