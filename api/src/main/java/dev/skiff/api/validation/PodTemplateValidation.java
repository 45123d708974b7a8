package dev.skiff.api.validation;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;

import java.util.ArrayList;
import java.util.List;

import static dev.skiff.api.validation.NullSafe.list;

/** A pod template embedded in another object, e.g. a Deployment's {@code spec.template}. */
public final class PodTemplateValidation {

    private PodTemplateValidation() {
    }

    /**
     * Kubernetes' ValidatePodTemplateSpec. Note its paths: the template's labels are reported at
     * {@code <path>.labels}, not {@code <path>.metadata.labels}.
     */
    public static List<FieldError> validate(PodTemplateSpec template, String path) {
        ObjectMeta meta = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
        List<FieldError> errors = new ArrayList<>(LabelValidation.validateLabels(meta.getLabels(), path + ".labels"));
        errors.addAll(ObjectMetaValidation.validateAnnotations(meta.getAnnotations(), path + ".annotations"));
        errors.addAll(PodSpecValidation.validate(template.getSpec(), path + ".spec", false));
        PodSpec spec = template.getSpec();
        if (spec != null && !list(spec.getEphemeralContainers()).isEmpty()) {
            errors.add(FieldError.forbidden(path + ".spec.ephemeralContainers",
                    "ephemeral containers not allowed in pod template"));
        }
        return errors;
    }
}
