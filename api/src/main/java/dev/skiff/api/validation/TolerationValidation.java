package dev.skiff.api.validation;

import io.fabric8.kubernetes.api.model.Toleration;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static dev.skiff.api.validation.NullSafe.isEmpty;
import static dev.skiff.api.validation.NullSafe.list;
import static dev.skiff.api.validation.NullSafe.text;

/** Pod tolerations, and the taint effects they share with node taints. */
public final class TolerationValidation {

    private static final List<String> TAINT_EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");

    private TolerationValidation() {
    }

    public static List<FieldError> validate(List<Toleration> tolerations, String path) {
        List<FieldError> errors = new ArrayList<>();
        List<Toleration> all = list(tolerations);
        for (int i = 0; i < all.size(); i++) {
            errors.addAll(validate(all.get(i), path + "[" + i + "]"));
        }
        return errors;
    }

    /** On a pod update tolerations may only be added; an existing one may change only its tolerationSeconds. */
    public static List<FieldError> validateOnlyAdded(List<Toleration> tolerations, List<Toleration> old, String path) {
        for (Toleration existing : list(old)) {
            boolean kept = list(tolerations).stream().anyMatch(t -> sameExceptSeconds(existing, t));
            if (!kept) {
                return List.of(FieldError.forbidden(path,
                        "existing toleration can not be modified except its tolerationSeconds"));
            }
        }
        return List.of();
    }

    /** A taint effect; empty passes only where it means "all effects" (tolerations). */
    static List<FieldError> validateTaintEffect(String effect, boolean allowEmpty, String path) {
        if (isEmpty(effect)) {
            return allowEmpty ? List.of() : List.of(FieldError.required(path, ""));
        }
        return TAINT_EFFECTS.contains(effect) ? List.of() : List.of(FieldError.notSupported(path, effect,
                TAINT_EFFECTS));
    }

    private static List<FieldError> validate(Toleration toleration, String path) {
        List<FieldError> errors = new ArrayList<>();
        String key = text(toleration.getKey());
        String operator = text(toleration.getOperator());
        if (!key.isEmpty()) {
            errors.addAll(LabelValidation.validateLabelKey(key, path + ".key"));
        }
        if (key.isEmpty() && !operator.equals("Exists")) {
            errors.add(FieldError.invalid(path + ".operator", operator,
                    "operator must be Exists when `key` is empty, which means \"match all values and all keys\""));
        }
        if (toleration.getTolerationSeconds() != null && !"NoExecute".equals(toleration.getEffect())) {
            errors.add(FieldError.invalid(path + ".effect", text(toleration.getEffect()),
                    "effect must be 'NoExecute' when `tolerationSeconds` is set"));
        }
        String value = text(toleration.getValue());
        switch (operator) {
            case "Equal", "" -> {
                List<String> messages = NameValidation.labelValue(value);
                if (!messages.isEmpty()) {
                    errors.add(FieldError.invalid(path + ".operator", value, String.join(";", messages)));
                }
            }
            case "Exists" -> {
                if (!value.isEmpty()) {
                    errors.add(FieldError.invalid(path + ".operator", value,
                            "value must be empty when `operator` is 'Exists'"));
                }
            }
            default -> errors.add(FieldError.notSupported(path + ".operator", operator, List.of("Equal", "Exists")));
        }
        errors.addAll(validateTaintEffect(toleration.getEffect(), true, path + ".effect"));
        return errors;
    }

    private static boolean sameExceptSeconds(Toleration a, Toleration b) {
        return Objects.equals(text(a.getKey()), text(b.getKey()))
                && Objects.equals(text(a.getOperator()), text(b.getOperator()))
                && Objects.equals(text(a.getValue()), text(b.getValue()))
                && Objects.equals(text(a.getEffect()), text(b.getEffect()));
    }
}
