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
        IntOrString maxUnavailable = rollingUpdate.getMaxUnavailable();
        List<FieldError> errors = new ArrayList<>(RollingUpdateValidation.amounts(maxUnavailable, rollingUpdate.getMaxSurge(), path, false));
        if (RollingUpdateValidation.value(maxUnavailable) == 0 && RollingUpdateValidation.value(rollingUpdate.getMaxSurge()) == 0) {
            errors.add(FieldError.invalid(path + ".maxUnavailable", maxUnavailable, "may not be 0 when `maxSurge` is 0"));
        }
        return errors;
    }
}
