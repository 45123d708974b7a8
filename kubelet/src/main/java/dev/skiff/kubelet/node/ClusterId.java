package dev.skiff.kubelet.node;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The identity of the cluster a kubelet belongs to: the uid of its {@code kube-system} namespace,
 * which the api-server creates once, with the store, and never deletes (the same convention other
 * Kubernetes tools use for a cluster id). It tells this cluster's containers from another's on a
 * shared container engine.
 */
public final class ClusterId {

    private ClusterId() {
    }

    public static String read(KubernetesClient client) {
        Namespace kubeSystem = client.namespaces().withName("kube-system").get();
        if (kubeSystem == null || kubeSystem.getMetadata().getUid() == null) {
            throw new IllegalStateException("the api-server at " + client.getMasterUrl()
                    + " has no kube-system namespace, whose uid names the cluster: is it a Skiff or Kubernetes api-server?");
        }
        return kubeSystem.getMetadata().getUid();
    }
}
