package dev.skiff.controllers.replicaset;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;

import java.util.ArrayList;
import java.util.LinkedHashMap;

/**
 * A new pod for a workload (a ReplicaSet, a Job), as Kubernetes' {@code GetPodFromTemplate}: the
 * template's labels, annotations, finalizers and spec, the name {@code <owner>-} plus a suffix the
 * api-server picks ({@code generateName}), and the owner as its controller.
 */
public final class PodFromTemplate {

    private PodFromTemplate() {
    }

    public static Pod newPod(ReplicaSet rs) {
        return newPod(rs, rs.getSpec().getTemplate());
    }

    public static Pod newPod(HasMetadata owner, PodTemplateSpec template) {
        ObjectMeta templateMeta = template == null || template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
        PodSpec spec = template == null || template.getSpec() == null ? new PodSpec() : new PodSpecBuilder(template.getSpec()).build();
        return new PodBuilder()
                .withNewMetadata()
                    .withNamespace(owner.getMetadata().getNamespace())
                    .withGenerateName(owner.getMetadata().getName() + "-")
                    .withLabels(templateMeta.getLabels() == null ? null : new LinkedHashMap<>(templateMeta.getLabels()))
                    .withAnnotations(templateMeta.getAnnotations() == null ? null : new LinkedHashMap<>(templateMeta.getAnnotations()))
                    .withFinalizers(templateMeta.getFinalizers() == null ? null : new ArrayList<>(templateMeta.getFinalizers()))
                    .withOwnerReferences(ControllerRefs.controllerRef(owner))
                .endMetadata()
                .withSpec(spec)
                .build();
    }
}
