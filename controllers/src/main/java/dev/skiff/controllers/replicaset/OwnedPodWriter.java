package dev.skiff.controllers.replicaset;

import dev.skiff.informer.EventRecorder;
import dev.skiff.informer.Indexer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Creates and deletes the pods of a controller's objects (ReplicaSets, DaemonSets) on its own
 * threads, as Kubernetes' pod control: each write is an event on the owner
 * ({@code SuccessfulCreate}, {@code FailedDelete}, …), and a write that failed, which its cache
 * will never show, is taken off the owner's expectations.
 */
public final class OwnedPodWriter {

    private static final Logger LOG = Logger.getLogger(OwnedPodWriter.class);

    private final KubernetesClient client;
    private final EventRecorder recorder;
    private final ControllerExpectations expectations;
    private final ExecutorService threads;

    private OwnedPodWriter(KubernetesClient client, EventRecorder recorder, ControllerExpectations expectations, ExecutorService threads) {
        this.client = client;
        this.recorder = recorder;
        this.expectations = expectations;
        this.threads = threads;
    }

    /** A writer with the CONTROLLER's threads ({@link PodWriters#start}); stopped with {@link #stop}. */
    public static OwnedPodWriter start(String controller, KubernetesClient client, EventRecorder recorder, ControllerExpectations expectations) {
        return new OwnedPodWriter(client, recorder, expectations, PodWriters.start(controller));
    }

    public void stop() {
        threads.shutdownNow();
    }

    /**
     * Creates COUNT pods for OWNER (its controller key KEY), each made by NEXT_POD, in growing
     * batches ({@link SlowStart}); creates never sent are taken off the expectations.
     */
    public SlowStart.Outcome createAll(String key, HasMetadata owner, int count, Supplier<Pod> nextPod) {
        SlowStart.Outcome outcome = SlowStart.run(count, 1, threads, () -> create(key, owner, nextPod.get()));
        for (int skipped = count - outcome.attempted(); skipped > 0; skipped--) {
            expectations.creationObserved(key);
        }
        return outcome;
    }

    /** Deletes the pods in parallel; the first error, or null when they are all gone. */
    public Exception deleteAll(String key, HasMetadata owner, List<Pod> victims) {
        List<CompletableFuture<Exception>> deletes = victims.stream()
                .map(pod -> CompletableFuture.supplyAsync(() -> delete(key, owner, pod), threads)).toList();
        Exception first = null;
        for (CompletableFuture<Exception> delete : deletes) {
            Exception error = delete.join();
            first = first == null ? error : first;
        }
        return first;
    }

    private void create(String key, HasMetadata owner, Pod pod) {
        String what = what(owner, key);
        try {
            Pod created = client.pods().inNamespace(owner.getMetadata().getNamespace()).resource(pod).create();
            LOG.debugf("%s: created pod %s", what, created.getMetadata().getName());
            recorder.normal(owner, "SuccessfulCreate", "Created pod: " + created.getMetadata().getName());
        } catch (RuntimeException e) {
            expectations.creationObserved(key);
            LOG.warnf("%s: creating a pod failed: %s", what, PodWriters.message(e));
            recorder.warning(owner, "FailedCreate", "Error creating: " + PodWriters.message(e));
            throw e;
        }
    }

    /** Deletes one pod; the error, or null when it is gone. */
    private Exception delete(String key, HasMetadata owner, Pod pod) {
        String what = what(owner, key);
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete();
            LOG.debugf("%s: deleted pod %s", what, pod.getMetadata().getName());
            recorder.normal(owner, "SuccessfulDelete", "Deleted pod: " + pod.getMetadata().getName());
            return null;
        } catch (RuntimeException e) {
            expectations.deletionObserved(key, Indexer.keyOf(pod));
            if (e instanceof KubernetesClientException k && k.getCode() == 404) {
                return null;
            }
            LOG.warnf("%s: deleting pod %s failed: %s", what, pod.getMetadata().getName(), PodWriters.message(e));
            recorder.warning(owner, "FailedDelete", "Error deleting: " + PodWriters.message(e));
            return e;
        }
    }

    /** {@code replicaset default/web}, as the logs name an owner. */
    private static String what(HasMetadata owner, String key) {
        return owner.getKind().toLowerCase() + " " + key;
    }
}
