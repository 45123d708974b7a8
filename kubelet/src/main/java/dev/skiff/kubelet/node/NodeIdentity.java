package dev.skiff.kubelet.node;

import dev.skiff.kubelet.pod.PodLabels;

/**
 * Who this kubelet is: its cluster (the uid of the cluster's {@code kube-system} namespace), its
 * node's name, the address it is reached at, and the port it serves on.
 */
public record NodeIdentity(String cluster, String name, String address, int port) {

    /** The labels of this node's sandboxes and containers. */
    public PodLabels labels() {
        return new PodLabels(cluster, name);
    }
}
