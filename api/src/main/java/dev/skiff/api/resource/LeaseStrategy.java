package dev.skiff.api.resource;

import dev.skiff.api.validation.FieldError;
import dev.skiff.api.validation.LeaseValidation;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;

import java.util.List;

/** Leases (coordination.k8s.io/v1). */
public final class LeaseStrategy extends TypedStrategy<Lease> {

    public LeaseStrategy() {
        super(Lease.class);
    }

    @Override
    protected void defaults(Lease lease) {
    }

    @Override
    protected List<FieldError> validate(Lease lease) {
        return LeaseValidation.validate(lease);
    }

    @Override
    protected Object spec(Lease lease) {
        return lease.getSpec();
    }
}
