package dev.skiff.api.defaults;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;

/** A pod template's spec gets the pod spec defaults (not the pod-only ones, which its pods get when created). */
final class PodTemplateDefaults {

    private PodTemplateDefaults() {
    }

    static void apply(PodTemplateSpec template) {
        if (template.getSpec() == null) {
            template.setSpec(new PodSpec());
        }
        PodSpecDefaults.apply(template.getSpec());
    }
}
