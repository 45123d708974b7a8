package dev.skiff.api.validation;

import dev.skiff.api.selector.SelectorException;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * What a ReplicaSet and a Deployment share: a label selector, and a pod template whose labels it must select
 * and whose pods always restart. A Job shares the first part ({@link #validateSelected}).
 */
final class ReplicaTemplateValidation {

    private ReplicaTemplateValidation() {
    }

    static List<FieldError> validate(LabelSelector selector, PodTemplateSpec template) {
        List<FieldError> errors = new ArrayList<>(validateSelected(selector, template, true));
        PodTemplateSpec t = template == null ? new PodTemplateSpec() : template;
        PodSpec spec = t.getSpec() == null ? new PodSpec() : t.getSpec();
        if (!"Always".equals(spec.getRestartPolicy())) {
            errors.add(FieldError.notSupported("spec.template.spec.restartPolicy", spec.getRestartPolicy(),
                    List.of("Always")));
        }
        if (spec.getActiveDeadlineSeconds() != null) {
            errors.add(FieldError.forbidden("spec.template.spec.activeDeadlineSeconds",
                    "activeDeadlineSeconds in ReplicaSet is not Supported"));
        }
        return errors;
    }

    /**
     * The selector (required, valid, and with NON_EMPTY not empty) and the pod template, whose labels
     * it must select: what every workload with a pod template shares.
     */
    static List<FieldError> validateSelected(LabelSelector selector, PodTemplateSpec template, boolean nonEmpty) {
        List<FieldError> errors = new ArrayList<>();
        PodTemplateSpec t = template == null ? new PodTemplateSpec() : template;
        ObjectMeta meta = t.getMetadata() == null ? new ObjectMeta() : t.getMetadata();
        // A missing selector selects nothing, so the template cannot match it either.
        boolean selected = false;
        if (selector == null) {
            errors.add(FieldError.required("spec.selector", ""));
        } else {
            errors.addAll(LabelValidation.validateSelector(selector, "spec.selector"));
            dev.skiff.api.selector.LabelSelector parsed;
            try {
                parsed = dev.skiff.api.selector.LabelSelector.from(selector);
            } catch (SelectorException e) {
                errors.add(FieldError.invalid("spec.selector", selector, "invalid label selector"));
                return errors;
            }
            if (nonEmpty && parsed.isEmpty()) {
                // Kubernetes says "deployment" for ReplicaSets too.
                errors.add(FieldError.invalid("spec.selector", selector, "empty selector is invalid for deployment"));
            }
            selected = parsed.matches(meta.getLabels());
        }
        if (!selected) {
            errors.add(FieldError.invalid("spec.template.metadata.labels", meta.getLabels(),
                    "`selector` does not match template `labels`"));
        }
        errors.addAll(PodTemplateValidation.validate(t, "spec.template"));
        return errors;
    }
}
