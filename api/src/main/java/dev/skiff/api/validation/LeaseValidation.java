package dev.skiff.api.validation;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;

import java.util.ArrayList;
import java.util.List;

/** Leases (coordination.k8s.io/v1), used for leader election and node heartbeats. */
public final class LeaseValidation {

    private LeaseValidation() {
    }

    public static List<FieldError> validate(Lease lease) {
        List<FieldError> errors = new ArrayList<>(ObjectMetaValidation.validate(lease.getMetadata(), true,
                NameRule.DNS1123_SUBDOMAIN));
        LeaseSpec spec = lease.getSpec() == null ? new LeaseSpec() : lease.getSpec();
        if (spec.getLeaseDurationSeconds() != null && spec.getLeaseDurationSeconds() <= 0) {
            errors.add(FieldError.invalid("spec.leaseDurationSeconds", spec.getLeaseDurationSeconds(),
                    "must be greater than 0"));
        }
        errors.addAll(FieldValidation.nonNegative(spec.getLeaseTransitions(), "spec.leaseTransitions"));
        return errors;
    }
}
