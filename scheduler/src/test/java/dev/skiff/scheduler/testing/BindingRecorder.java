package dev.skiff.scheduler.testing;

import dev.skiff.api.resource.ResourceRegistry;
import dev.skiff.informer.ApiClient;
import dev.skiff.informer.Informer;
import dev.skiff.informer.ResourceEventHandler;
import dev.skiff.informer.WatchEventSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Follows every pod through the api-server's watch and records each node a pod was ever seen bound
 * to: a pod bound exactly once has one.
 */
public final class BindingRecorder implements AutoCloseable {

    private final KubernetesClient client;
    private final Informer<Pod> informer;
    private final Map<String, Set<String>> nodesByPod = new ConcurrentHashMap<>();

    public BindingRecorder(String apiServerUrl) throws InterruptedException {
        client = ApiClient.connect(apiServerUrl, "skiff-test");
        informer = new Informer<>(new WatchEventSource<>(client, ResourceRegistry.builtIn().findByKind("", "Pod").orElseThrow(), Pod.class));
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                record(pod);
            }

            @Override
            public void onUpdate(Pod oldPod, Pod newPod) {
                record(newPod);
            }
        });
        informer.start();
        if (!informer.awaitSynced(Duration.ofSeconds(30))) {
            throw new IllegalStateException("the pod watch did not sync");
        }
    }

    private void record(Pod pod) {
        String node = pod.getSpec().getNodeName();
        if (node != null && !node.isEmpty()) {
            nodesByPod.computeIfAbsent(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName(),
                    key -> ConcurrentHashMap.newKeySet()).add(node);
        }
    }

    /** Pods seen bound so far. */
    public int bound() {
        return nodesByPod.size();
    }

    /** Every node each bound pod was seen on, by {@code namespace/name}. */
    public Map<String, Set<String>> nodesByPod() {
        return Map.copyOf(nodesByPod);
    }

    @Override
    public void close() {
        informer.stop();
        client.close();
    }
}
