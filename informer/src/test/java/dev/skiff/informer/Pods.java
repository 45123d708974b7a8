package dev.skiff.informer;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

/** Pods for tests. */
final class Pods {

    private Pods() {
    }

    /** A pod as stored: with a uid and a resourceVersion, not bound to a node. */
    static Pod pod(String namespace, String name, long resourceVersion) {
        return pod(namespace, name, resourceVersion, null);
    }

    /** A pod as stored: with a uid and a resourceVersion, bound to the node (null: none). */
    static Pod pod(String namespace, String name, long resourceVersion, String nodeName) {
        return new PodBuilder(newPod(namespace, name, nodeName))
                .editMetadata()
                .withUid(namespace + "-" + name + "-uid")
                .withResourceVersion(Long.toString(resourceVersion))
                .endMetadata()
                .build();
    }

    /** A pod to create, bound to the node (null: none). */
    static Pod newPod(String namespace, String name, String nodeName) {
        return new PodBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withNewSpec()
                .withNodeName(nodeName)
                .addNewContainer().withName("main").withImage("busybox").endContainer()
                .endSpec()
                .build();
    }
}
