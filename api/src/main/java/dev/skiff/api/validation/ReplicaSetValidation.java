package dev.skiff.api.validation;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetSpec;

import java.util.ArrayList;
import java.util.List;

/** ReplicaSets (apps/v1). */
public final class ReplicaSetValidation {

    private ReplicaSetValidation() {
    }

    public static List<FieldError> validate(ReplicaSet replicaSet) {
        List<FieldError> errors = new ArrayList<>(ObjectMetaValidation.validate(replicaSet.getMetadata(), true,
                NameRule.DNS1123_SUBDOMAIN));
        ReplicaSetSpec spec = replicaSet.getSpec() == null ? new ReplicaSetSpec() : replicaSet.getSpec();
        errors.addAll(FieldValidation.nonNegative(spec.getReplicas(), "spec.replicas"));
        errors.addAll(FieldValidation.nonNegative(spec.getMinReadySeconds(), "spec.minReadySeconds"));
        errors.addAll(ReplicaTemplateValidation.validate(spec.getSelector(), spec.getTemplate()));
        return errors;
    }

    /** As {@link #validate}, and the selector may not change. */
    public static List<FieldError> validateUpdate(ReplicaSet replicaSet, ReplicaSet old) {
        List<FieldError> errors = validate(replicaSet);
        errors.addAll(FieldValidation.immutable(selector(replicaSet), selector(old), "spec.selector"));
        return errors;
    }

    private static Object selector(ReplicaSet replicaSet) {
        return replicaSet.getSpec() == null ? null : replicaSet.getSpec().getSelector();
    }
}
