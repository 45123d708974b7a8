package dev.skiff.api.resource;

import dev.skiff.api.defaults.EndpointsDefaults;
import dev.skiff.api.validation.EndpointsValidation;
import dev.skiff.api.validation.FieldError;
import io.fabric8.kubernetes.api.model.Endpoints;

import java.util.List;

/** Endpoints (v1). They have subsets, not a spec. */
public final class EndpointsStrategy extends TypedStrategy<Endpoints> {

    public EndpointsStrategy() {
        super(Endpoints.class);
    }

    @Override
    protected void defaults(Endpoints endpoints) {
        EndpointsDefaults.apply(endpoints);
    }

    @Override
    protected List<FieldError> validate(Endpoints endpoints) {
        return EndpointsValidation.validate(endpoints);
    }

    @Override
    protected Object spec(Endpoints endpoints) {
        return null;
    }
}
