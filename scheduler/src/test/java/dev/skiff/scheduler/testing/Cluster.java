package dev.skiff.scheduler.testing;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the tests do and check through a real api-server, with fabric8's client. */
public final class Cluster {

    private final KubernetesClient client;

    public Cluster(KubernetesClient client) {
        this.client = client;
    }

    public KubernetesClient client() {
        return client;
    }

    public void createNamespace(String name) {
        if (client.namespaces().withName(name).get() == null) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        }
    }

    public Node create(Node node) {
        return client.nodes().resource(node).create();
    }

    /** Creates the pod (without the uid and resourceVersion the fixtures give it). */
    public Pod create(Pod pod) {
        pod.getMetadata().setUid(null);
        pod.getMetadata().setResourceVersion(null);
        return client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).create();
    }

    public Pod pod(String namespace, String name) {
        return client.pods().inNamespace(namespace).withName(name).get();
    }

    public String nodeOf(String namespace, String name) {
        Pod pod = pod(namespace, name);
        return pod == null || pod.getSpec().getNodeName() == null || pod.getSpec().getNodeName().isEmpty() ? null : pod.getSpec().getNodeName();
    }

    public Optional<PodCondition> podScheduled(String namespace, String name) {
        Pod pod = pod(namespace, name);
        if (pod == null || pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getConditions().stream().filter(c -> "PodScheduled".equals(c.getType())).findFirst();
    }

    /** The events about the pod, as "Reason: message". */
    public List<String> events(String namespace, String pod) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> pod.equals(e.getInvolvedObject().getName()))
                .map((Event e) -> e.getReason() + ": " + e.getMessage())
                .toList();
    }

    /** The cpu (millicores) requested by the bound pods of the namespace, by node. */
    public Map<String, Long> requestedMilliCpuByNode(String namespace) {
        Map<String, Long> requested = new HashMap<>();
        for (Pod pod : client.pods().inNamespace(namespace).list().getItems()) {
            if (pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty()) {
                long milli = pod.getSpec().getContainers().stream()
                        .mapToLong(c -> dev.skiff.scheduler.framework.Resources.milliValue(c.getResources().getRequests().get("cpu")))
                        .sum();
                requested.merge(pod.getSpec().getNodeName(), milli, Long::sum);
            }
        }
        return requested;
    }

    /** Deletes every pod of the namespace at once, and every node. */
    public void clear(String namespace) {
        client.pods().inNamespace(namespace).withGracePeriod(0).delete();
        client.nodes().delete();
    }
}
