package dev.skiff.api.validation;

import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import java.util.ArrayList;
import java.util.List;

/** ControllerRevisions (apps/v1): a controller's snapshot of a template, with its revision number. */
public final class ControllerRevisionValidation {

    private ControllerRevisionValidation() {
    }

    public static List<FieldError> validate(ControllerRevision revision) {
        List<FieldError> errors = new ArrayList<>(ObjectMetaValidation.validate(revision.getMetadata(), true,
                NameRule.DNS1123_SUBDOMAIN));
        if (revision.getData() == null) {
            errors.add(FieldError.required("data", "data is mandatory"));
        }
        errors.addAll(FieldValidation.nonNegative(revision.getRevision(), "revision"));
        return errors;
    }

    /** As {@link #validate}, and the data may not change: only the revision number moves. */
    public static List<FieldError> validateUpdate(ControllerRevision revision, ControllerRevision old) {
        List<FieldError> errors = validate(revision);
        errors.addAll(FieldValidation.immutable(revision.getData(), old.getData(), "data"));
        return errors;
    }
}
