package dev.skiff.api.validation;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;

import java.util.ArrayList;
import java.util.List;

/** Deployments (apps/v1). */
public final class DeploymentValidation {

    private DeploymentValidation() {
    }

    public static List<FieldError> validate(Deployment deployment) {
        List<FieldError> errors = new ArrayList<>(ObjectMetaValidation.validate(deployment.getMetadata(), true,
                NameRule.DNS1123_SUBDOMAIN));
        DeploymentSpec spec = deployment.getSpec() == null ? new DeploymentSpec() : deployment.getSpec();
        errors.addAll(FieldValidation.nonNegative(spec.getReplicas(), "spec.replicas"));
        errors.addAll(ReplicaTemplateValidation.validate(spec.getSelector(), spec.getTemplate()));
        errors.addAll(validateStrategy(spec.getStrategy() == null ? new DeploymentStrategy() : spec.getStrategy()));
        errors.addAll(FieldValidation.nonNegative(spec.getMinReadySeconds(), "spec.minReadySeconds"));
        errors.addAll(FieldValidation.nonNegative(spec.getRevisionHistoryLimit(), "spec.revisionHistoryLimit"));
        Integer deadline = spec.getProgressDeadlineSeconds();
        if (deadline != null) {
            errors.addAll(FieldValidation.nonNegative(deadline, "spec.progressDeadlineSeconds"));
            int minReady = spec.getMinReadySeconds() == null ? 0 : spec.getMinReadySeconds();
            if (deadline <= minReady) {
                errors.add(FieldError.invalid("spec.progressDeadlineSeconds", deadline,
                        "must be greater than minReadySeconds"));
            }
        }
        return errors;
    }

    /** As {@link #validate}, and the selector may not change. */
    public static List<FieldError> validateUpdate(Deployment deployment, Deployment old) {
        List<FieldError> errors = validate(deployment);
        errors.addAll(FieldValidation.immutable(selector(deployment), selector(old), "spec.selector"));
        return errors;
    }

    private static Object selector(Deployment deployment) {
        return deployment.getSpec() == null ? null : deployment.getSpec().getSelector();
    }

    private static List<FieldError> validateStrategy(DeploymentStrategy strategy) {
        String path = "spec.strategy";
        String type = strategy.getType() == null ? "" : strategy.getType();
        return switch (type) {
            case "Recreate" -> strategy.getRollingUpdate() == null ? List.of() : List.of(FieldError.forbidden(
                    path + ".rollingUpdate", "may not be specified when strategy `type` is 'Recreate'"));
            case "RollingUpdate" -> strategy.getRollingUpdate() == null
                    ? List.of(FieldError.required(path + ".rollingUpdate", "this should be defaulted and never be nil"))
                    : validateRollingUpdate(strategy.getRollingUpdate(), path + ".rollingUpdate");
            default -> List.of(FieldError.notSupported(path, strategy, List.of("Recreate", "RollingUpdate")));
        };
    }

    private static List<FieldError> validateRollingUpdate(RollingUpdateDeployment rollingUpdate, String path) {
        List<FieldError> errors = new ArrayList<>();
        errors.addAll(validateIntOrPercent(rollingUpdate.getMaxUnavailable(), path + ".maxUnavailable"));
        errors.addAll(validateIntOrPercent(rollingUpdate.getMaxSurge(), path + ".maxSurge"));
        if (value(rollingUpdate.getMaxUnavailable()) == 0 && value(rollingUpdate.getMaxSurge()) == 0) {
            errors.add(FieldError.invalid(path + ".maxUnavailable", rollingUpdate.getMaxUnavailable(),
                    "may not be 0 when `maxSurge` is 0"));
        }
        IntOrString maxUnavailable = rollingUpdate.getMaxUnavailable();
        if (isPercent(maxUnavailable) && value(maxUnavailable) > 100) {
            errors.add(FieldError.invalid(path + ".maxUnavailable", maxUnavailable, "must not be greater than 100%"));
        }
        return errors;
    }

    /** A non-negative integer or a percentage such as {@code 25%}. */
    private static List<FieldError> validateIntOrPercent(IntOrString value, String path) {
        if (value == null) {
            return List.of();
        }
        if (value.getStrVal() != null) {
            return FieldError.invalid(path, value, NameValidation.percent(value.getStrVal()));
        }
        return FieldValidation.nonNegative(value.getIntVal(), path);
    }

    private static boolean isPercent(IntOrString value) {
        return value != null && value.getStrVal() != null && NameValidation.percent(value.getStrVal()).isEmpty();
    }

    /** The number in an int-or-percent (25 for "25%"); 0 when unset or malformed. */
    private static long value(IntOrString value) {
        if (isPercent(value)) {
            String digits = value.getStrVal().substring(0, value.getStrVal().length() - 1);
            return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
        }
        return value == null || value.getIntVal() == null ? 0 : value.getIntVal();
    }
}
