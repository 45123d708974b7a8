package dev.skiff.controllers.testing;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;

import java.util.List;
import java.util.Map;

/**
 * Objects for the tests of ownership (garbage collector, namespace deletion), built as a
 * ReplicaSet or Deployment controller would build them: no such controller runs in these tests,
 * so a test creates the owned objects itself.
 */
public final class OwnedObjects {

    private OwnedObjects() {
    }

    /** A controller reference to the owner, blocking its foreground deletion, as workload controllers set it. */
    public static OwnerReference controllerRef(HasMetadata owner) {
        return new OwnerReferenceBuilder()
                .withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true)
                .build();
    }

    public static Deployment deployment(String namespace, String name) {
        return new DeploymentBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withNewSpec().withReplicas(1)
                    .withNewSelector().withMatchLabels(Map.of("app", name)).endSelector()
                    .withNewTemplate().withNewMetadata().withLabels(Map.of("app", name)).endMetadata()
                        .withNewSpec().addNewContainer().withName("main").withImage("busybox").endContainer().endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }

    /** A ReplicaSet, owned by the owners given. */
    public static ReplicaSet replicaSet(String namespace, String name, String app, OwnerReference... owners) {
        return new ReplicaSetBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name).withLabels(Map.of("app", app))
                    .withOwnerReferences(List.of(owners)).endMetadata()
                .withNewSpec().withReplicas(1)
                    .withNewSelector().withMatchLabels(Map.of("app", app)).endSelector()
                    .withNewTemplate().withNewMetadata().withLabels(Map.of("app", app)).endMetadata()
                        .withNewSpec().addNewContainer().withName("main").withImage("busybox").endContainer().endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }

    /** A pod not bound to any node (deleted at once), owned by the owners given. */
    public static Pod pod(String namespace, String name, String app, OwnerReference... owners) {
        return new PodBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name).withLabels(Map.of("app", app))
                    .withOwnerReferences(List.of(owners)).endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage("busybox").endContainer().endSpec()
                .build();
    }

    /** A pod bound to a node: deleting it gives it a grace period, and it stays until "its kubelet" deletes it with grace 0. */
    public static Pod boundPod(String namespace, String name, String app, String node, OwnerReference... owners) {
        return new PodBuilder(pod(namespace, name, app, owners)).editSpec().withNodeName(node).endSpec().build();
    }

    public static ConfigMap configMap(String namespace, String name, OwnerReference... owners) {
        return new ConfigMapBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name).withOwnerReferences(List.of(owners)).endMetadata()
                .withData(Map.of("key", "value"))
                .build();
    }
}
