package dev.skiff.api.resource;

import dev.skiff.api.validation.ControllerRevisionValidation;
import dev.skiff.api.validation.FieldError;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import java.util.List;

/** ControllerRevisions (apps/v1). */
public final class ControllerRevisionStrategy extends TypedStrategy<ControllerRevision> {

    public ControllerRevisionStrategy() {
        super(ControllerRevision.class);
    }

    @Override
    protected void defaults(ControllerRevision revision) {
    }

    @Override
    protected List<FieldError> validate(ControllerRevision revision) {
        return ControllerRevisionValidation.validate(revision);
    }

    @Override
    protected List<FieldError> validateTransition(ControllerRevision revision, ControllerRevision old) {
        return ControllerRevisionValidation.validateUpdate(revision, old);
    }

    @Override
    protected Object spec(ControllerRevision revision) {
        return revision.getData();
    }
}
