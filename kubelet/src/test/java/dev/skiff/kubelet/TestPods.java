package dev.skiff.kubelet;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Optional;

/** Pods for the kubelet tests: busybox containers running a shell command, bound to a node. */
final class TestPods {

    private TestPods() {
    }

    static void createNamespace(String name) {
        try {
            TestCluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }

    /** A container named {@code name} running {@code sh -c script}. */
    static ContainerBuilder shell(String name, String script) {
        return new ContainerBuilder().withName(name).withImage(TestCluster.busybox()).withImagePullPolicy("IfNotPresent")
                .withCommand("sh", "-c", script);
    }

    /** A pod on the node with one container running the script. */
    static PodBuilder pod(String namespace, String name, String node, String script) {
        return new PodBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withNewSpec().withNodeName(node).withTerminationGracePeriodSeconds(2L)
                .withContainers(shell("main", script).build()).endSpec();
    }

    static Pod create(Pod pod) {
        return TestCluster.client().pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).create();
    }

    static Pod get(String namespace, String name) {
        return TestCluster.client().pods().inNamespace(namespace).withName(name).get();
    }

    static String phase(String namespace, String name) {
        Pod pod = get(namespace, name);
        return pod == null || pod.getStatus() == null ? null : pod.getStatus().getPhase();
    }

    static Optional<ContainerStatus> containerStatus(String namespace, String name, String container) {
        Pod pod = get(namespace, name);
        if (pod == null || pod.getStatus() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(pod.getStatus().getContainerStatuses()).orElse(List.of()).stream()
                .filter(s -> s.getName().equals(container)).findFirst();
    }

    static String condition(String namespace, String name, String type) {
        Pod pod = get(namespace, name);
        if (pod == null || pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return null;
        }
        return pod.getStatus().getConditions().stream().filter(c -> c.getType().equals(type))
                .map(c -> c.getStatus()).findFirst().orElse(null);
    }

    static String waitingReason(String namespace, String name, String container) {
        return containerStatus(namespace, name, container)
                .map(s -> s.getState().getWaiting() == null ? null : s.getState().getWaiting().getReason()).orElse(null);
    }
}
