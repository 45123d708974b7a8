package dev.skiff.kubelet.pod;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels a kubelet puts on every sandbox and container it makes: its cluster (the uid of the
 * cluster's {@code kube-system} namespace) and node, and the pod's namespace, name and UID
 * (Kubernetes' own label keys), so that after a restart it finds its own containers — and only its
 * own, when several kubelets, even of several clusters with the same node names, share one engine.
 */
public record PodLabels(String cluster, String node) {

    public static final String CLUSTER = "dev.skiff.cluster";
    public static final String NODE = "dev.skiff.node";
    public static final String NAMESPACE = "io.kubernetes.pod.namespace";
    public static final String NAME = "io.kubernetes.pod.name";
    public static final String UID = "io.kubernetes.pod.uid";
    public static final String CONTAINER_NAME = "io.kubernetes.container.name";
    /** Set on containers that are init containers. */
    public static final String INIT = "dev.skiff.init-container";

    /** The labels of everything this node's kubelet made. */
    public Map<String, String> ofNode() {
        return Map.of(CLUSTER, cluster, NODE, node);
    }

    /** The labels of everything made for one pod on this node. */
    public Map<String, String> ofPod(String podUid) {
        return Map.of(CLUSTER, cluster, NODE, node, UID, podUid);
    }

    /** The labels of this node's containers of one pod container (any attempt). */
    public Map<String, String> ofContainer(String namespace, String podName, String container) {
        return Map.of(CLUSTER, cluster, NODE, node, NAMESPACE, namespace, NAME, podName, CONTAINER_NAME, container);
    }

    /** The labels for a new sandbox or container of the pod. */
    public Map<String, String> forPod(Pod pod) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(CLUSTER, cluster);
        labels.put(NODE, node);
        labels.put(NAMESPACE, pod.getMetadata().getNamespace());
        labels.put(NAME, pod.getMetadata().getName());
        labels.put(UID, pod.getMetadata().getUid());
        return labels;
    }
}
