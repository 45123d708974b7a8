package dev.skiff.api.validation;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDaemonSet;
import java.util.ArrayList;
import java.util.List;

/** DaemonSets (apps/v1). */
public final class DaemonSetValidation {

    private DaemonSetValidation() {
    }

    public static List<FieldError> validate(DaemonSet daemonSet) {
        List<FieldError> errors = new ArrayList<>(ObjectMetaValidation.validate(daemonSet.getMetadata(), true,
                NameRule.DNS1123_SUBDOMAIN));
        DaemonSetSpec spec = daemonSet.getSpec() == null ? new DaemonSetSpec() : daemonSet.getSpec();
        errors.addAll(ReplicaTemplateValidation.validate(spec.getSelector(), spec.getTemplate()));
        errors.addAll(validateStrategy(spec.getUpdateStrategy() == null ? new DaemonSetUpdateStrategy() : spec.getUpdateStrategy()));
        errors.addAll(FieldValidation.nonNegative(spec.getMinReadySeconds(), "spec.minReadySeconds"));
        errors.addAll(FieldValidation.nonNegative(spec.getRevisionHistoryLimit(), "spec.revisionHistoryLimit"));
        return errors;
    }

    /** As {@link #validate}, and the selector may not change. */
    public static List<FieldError> validateUpdate(DaemonSet daemonSet, DaemonSet old) {
        List<FieldError> errors = validate(daemonSet);
        errors.addAll(FieldValidation.immutable(selector(daemonSet), selector(old), "spec.selector"));
        return errors;
    }

    private static Object selector(DaemonSet daemonSet) {
        return daemonSet.getSpec() == null ? null : daemonSet.getSpec().getSelector();
    }

    private static List<FieldError> validateStrategy(DaemonSetUpdateStrategy strategy) {
        String path = "spec.updateStrategy";
        String type = strategy.getType() == null ? "" : strategy.getType();
        return switch (type) {
            case "OnDelete" -> List.of();
            case "RollingUpdate" -> strategy.getRollingUpdate() == null
                    ? List.of(FieldError.required(path + ".rollingUpdate", "this should be defaulted and never be nil"))
                    : validateRollingUpdate(strategy.getRollingUpdate(), path + ".rollingUpdate");
            default -> List.of(FieldError.notSupported(path + ".type", strategy.getType(), List.of("OnDelete", "RollingUpdate")));
        };
    }

    /** As Kubernetes: exactly one of the two amounts is not 0 (a node's pod is replaced either before or after its new one runs). */
    private static List<FieldError> validateRollingUpdate(RollingUpdateDaemonSet rollingUpdate, String path) {
        IntOrString maxUnavailable = rollingUpdate.getMaxUnavailable();
        IntOrString maxSurge = rollingUpdate.getMaxSurge();
        List<FieldError> errors = new ArrayList<>(RollingUpdateValidation.amounts(maxUnavailable, maxSurge, path, true));
        boolean unavailable = RollingUpdateValidation.value(maxUnavailable) != 0;
        boolean surge = RollingUpdateValidation.value(maxSurge) != 0;
        if (unavailable && surge) {
            errors.add(FieldError.invalid(path + ".maxSurge", maxSurge, "may not be set when maxUnavailable is non-zero"));
        } else if (!unavailable && !surge) {
            errors.add(FieldError.required(path + ".maxUnavailable", "cannot be 0 when maxSurge is 0"));
        }
        return errors;
    }
}
