package dev.skiff.controllers.testing;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Plays the kubelet for controller tests, where no node runs pods: every pod that appears in the
 * namespace is marked Running with an IP and a True Ready condition through the status
 * subresource, as a kubelet would report it once its containers are up.
 */
public final class FakePodStarter implements AutoCloseable {

    private final KubernetesClient client;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "fake-pod-starter");
        thread.setDaemon(true);
        return thread;
    });
    private final Watch watch;

    private FakePodStarter(KubernetesClient client, String namespace) {
        this.client = client;
        this.watch = client.pods().inNamespace(namespace).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                if ((action == Action.ADDED || action == Action.MODIFIED) && !isReady(pod)
                        && pod.getMetadata().getDeletionTimestamp() == null) {
                    writer.execute(() -> markReady(client, pod));
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
    }

    /** Starts marking the namespace's pods ready, those there already included. */
    public static FakePodStarter start(KubernetesClient client, String namespace) {
        return new FakePodStarter(client, namespace);
    }

    /** Marks one pod Running and Ready now; a pod that is gone meanwhile is skipped. */
    public static void markReady(KubernetesClient client, Pod pod) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String patch = "{\"status\":{\"phase\":\"Running\",\"podIP\":\"10.1.0.1\",\"conditions\":["
                + "{\"type\":\"Ready\",\"status\":\"True\",\"lastTransitionTime\":\"" + now + "\"}]}}";
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), patch);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }

    public static boolean isReady(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    @Override
    public void close() {
        watch.close();
        writer.shutdownNow();
    }
}
