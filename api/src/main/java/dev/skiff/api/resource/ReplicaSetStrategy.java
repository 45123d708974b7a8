package dev.skiff.api.resource;

import dev.skiff.api.defaults.ReplicaSetDefaults;
import dev.skiff.api.validation.FieldError;
import dev.skiff.api.validation.ReplicaSetValidation;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;

import java.util.List;
import java.util.Map;

/** ReplicaSets (apps/v1). */
public final class ReplicaSetStrategy extends TypedStrategy<ReplicaSet> {

    public ReplicaSetStrategy() {
        super(ReplicaSet.class);
    }

    @Override
    protected void defaults(ReplicaSet replicaSet) {
        ReplicaSetDefaults.apply(replicaSet);
    }

    @Override
    protected List<FieldError> validate(ReplicaSet replicaSet) {
        return ReplicaSetValidation.validate(replicaSet);
    }

    @Override
    protected List<FieldError> validateTransition(ReplicaSet replicaSet, ReplicaSet old) {
        return ReplicaSetValidation.validateUpdate(replicaSet, old);
    }

    @Override
    public boolean hasStatus() {
        return true;
    }

    @Override
    protected void clearStatus(ReplicaSet object) {
        object.setStatus(null);
    }

    @Override
    protected Object spec(ReplicaSet replicaSet) {
        return replicaSet.getSpec();
    }

    @Override
    protected void addSelectableFields(ReplicaSet replicaSet, Map<String, String> fields) {
        // A number, so "0" rather than "" when unset, as in Kubernetes.
        Integer replicas = replicaSet.getStatus() == null ? null : replicaSet.getStatus().getReplicas();
        fields.put("status.replicas", String.valueOf(replicas == null ? 0 : replicas));
    }
}
