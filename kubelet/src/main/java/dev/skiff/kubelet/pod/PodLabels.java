package dev.skiff.kubelet.pod;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels the kubelet puts on every sandbox and container it makes: its node, and the pod's
 * namespace, name and UID (Kubernetes' own label keys), so that after a restart it finds its own
 * containers — and only its own, when several kubelets share one engine.
 */
public final class PodLabels {

    public static final String NODE = "dev.skiff.node";
    public static final String NAMESPACE = "io.kubernetes.pod.namespace";
    public static final String NAME = "io.kubernetes.pod.name";
    public static final String UID = "io.kubernetes.pod.uid";
    public static final String CONTAINER_NAME = "io.kubernetes.container.name";
    /** Set on containers that are init containers. */
    public static final String INIT = "dev.skiff.init-container";

    private PodLabels() {
    }

    /** The labels of everything this node's kubelet made. */
    public static Map<String, String> ofNode(String nodeName) {
        return Map.of(NODE, nodeName);
    }

    /** The labels of everything made for one pod on this node. */
    public static Map<String, String> ofPod(String nodeName, String podUid) {
        return Map.of(NODE, nodeName, UID, podUid);
    }

    /** The labels for a new sandbox or container of the pod. */
    public static Map<String, String> forPod(String nodeName, Pod pod) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NODE, nodeName);
        labels.put(NAMESPACE, pod.getMetadata().getNamespace());
        labels.put(NAME, pod.getMetadata().getName());
        labels.put(UID, pod.getMetadata().getUid());
        return labels;
    }
}
