package dev.skiff.api.resource;

import dev.skiff.api.defaults.DaemonSetDefaults;
import dev.skiff.api.validation.DaemonSetValidation;
import dev.skiff.api.validation.FieldError;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.List;

/** DaemonSets (apps/v1). */
public final class DaemonSetStrategy extends TypedStrategy<DaemonSet> {

    public DaemonSetStrategy() {
        super(DaemonSet.class);
    }

    @Override
    protected void defaults(DaemonSet daemonSet) {
        DaemonSetDefaults.apply(daemonSet);
    }

    @Override
    protected List<FieldError> validate(DaemonSet daemonSet) {
        return DaemonSetValidation.validate(daemonSet);
    }

    @Override
    protected List<FieldError> validateTransition(DaemonSet daemonSet, DaemonSet old) {
        return DaemonSetValidation.validateUpdate(daemonSet, old);
    }

    @Override
    public boolean hasStatus() {
        return true;
    }

    @Override
    protected void clearStatus(DaemonSet object) {
        object.setStatus(null);
    }

    @Override
    protected Object spec(DaemonSet daemonSet) {
        return daemonSet.getSpec();
    }
}
