package dev.skiff.api.defaults;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetSpec;

/** A ReplicaSet runs one replica unless told otherwise; its template gets the pod spec defaults. */
public final class ReplicaSetDefaults {

    private ReplicaSetDefaults() {
    }

    public static void apply(ReplicaSet replicaSet) {
        if (replicaSet.getSpec() == null) {
            replicaSet.setSpec(new ReplicaSetSpec());
        }
        ReplicaSetSpec spec = replicaSet.getSpec();
        if (spec.getReplicas() == null) {
            spec.setReplicas(1);
        }
        if (spec.getTemplate() == null) {
            spec.setTemplate(new PodTemplateSpec());
        }
        PodTemplateDefaults.apply(spec.getTemplate());
    }
}
