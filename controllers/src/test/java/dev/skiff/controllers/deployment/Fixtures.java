package dev.skiff.controllers.deployment;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;

import java.time.Instant;

/** Deployments and ReplicaSets in given states, for the unit tests of the rollout logic. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    private Fixtures() {
    }

    static Deployment rolling(int replicas, String maxSurge, String maxUnavailable) {
        return new DeploymentBuilder().withNewMetadata().withName("web").withNamespace("ns").withUid("d-uid").withGeneration(1L)
                .endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxSurge(intOrPercent(maxSurge)).withMaxUnavailable(intOrPercent(maxUnavailable))
                .endRollingUpdate().endStrategy()
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage("nginx:1").endContainer().endSpec().endTemplate()
                .withProgressDeadlineSeconds(600)
                .withRevisionHistoryLimit(10)
                .endSpec().build();
    }

    static IntOrString intOrPercent(String value) {
        return value.endsWith("%") ? new IntOrString(value) : new IntOrString(Integer.parseInt(value));
    }

    /** A ReplicaSet created {@code age} seconds after T0 with the given size and available pods. */
    static ReplicaSet rs(String name, int createdAt, int replicas, int available) {
        return new ReplicaSetBuilder().withNewMetadata().withName(name).withNamespace("ns").withUid(name + "-uid")
                .withCreationTimestamp(T0.plusSeconds(createdAt).toString()).endMetadata()
                .withNewSpec().withReplicas(replicas).endSpec()
                .withNewStatus().withReplicas(replicas).withReadyReplicas(available).withAvailableReplicas(available).endStatus()
                .build();
    }

    static ReplicaSet annotated(ReplicaSet rs, String key, String value) {
        return new ReplicaSetBuilder(rs).editMetadata().addToAnnotations(key, value).endMetadata().build();
    }
}
