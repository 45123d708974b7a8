package dev.skiff.controllers.replicaset;

import dev.skiff.api.selector.LabelSelector;
import dev.skiff.controllers.Controller;
import dev.skiff.controllers.ControllerContext;
import dev.skiff.controllers.ReconcileLoop;
import dev.skiff.controllers.config.ControllersConfig;
import dev.skiff.informer.EventRecorder;
import dev.skiff.informer.Indexer;
import dev.skiff.informer.Indexes;
import dev.skiff.informer.Informer;
import dev.skiff.informer.ResourceEventHandler;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * The ReplicaSet controller, as Kubernetes' {@code replicaset-controller}: keeps
 * {@code spec.replicas} active pods for each ReplicaSet, creating them from its template and
 * deleting the least valuable first; adopts orphan pods its selector matches and releases its pods
 * that no longer match; waits to see its own creates and deletes before acting again
 * ({@link ControllerExpectations}); and writes the status (replicas, fullyLabeledReplicas,
 * readyReplicas, availableReplicas, observedGeneration) through the status subresource.
 */
@Singleton
public class ReplicaSetController implements Controller {

    private static final Logger LOG = Logger.getLogger(ReplicaSetController.class);
    private static final String NAME = "replicaset-controller";

    private KubernetesClient client;
    private Clock clock;
    private EventRecorder recorder;
    private ControllersConfig.ReplicaSetConfig settings;
    private Informer<ReplicaSet> replicaSets;
    private Informer<Pod> pods;
    private ControllerExpectations expectations;
    private ReconcileLoop loop;
    private ExecutorService podWriters;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void register(ControllerContext context) {
        client = context.client();
        clock = context.clock();
        recorder = context.recorder(NAME);
        settings = context.config().replicaSet();
        expectations = new ControllerExpectations(settings.expectationsTimeout(), clock);
        loop = context.reconcileLoop(NAME, settings.workers(), this::reconcile);
        replicaSets = context.informers().informer(ReplicaSet.class);
        pods = context.informers().informer(Pod.class);
        replicaSets.addEventHandler(new ReplicaSetEvents());
        pods.addEventHandler(new PodEvents());
    }

    @Override
    public void start() {
        podWriters = PodWriters.start(NAME);
        loop.start();
    }

    @Override
    public void stop(Duration wait) {
        loop.stop(wait);
        if (podWriters != null) {
            podWriters.shutdownNow();
        }
    }

    /** Converges one ReplicaSet ({@code namespace/name}) from the caches. */
    void reconcile(String key) {
        ReplicaSet rs = replicaSets.indexer().get(key).orElse(null);
        if (rs == null) {
            expectations.delete(key);
            return;
        }
        LabelSelector selector = PodWriters.selectorOf(rs, rs.getSpec() == null ? null : rs.getSpec().getSelector());
        if (selector == null) {
            return;
        }
        boolean needsSync = expectations.satisfied(key);
        String namespace = rs.getMetadata().getNamespace();
        List<Pod> active = pods.indexer().byIndex(Indexes.NAMESPACE, namespace).stream().filter(PodAvailability::isActive).toList();
        List<Pod> owned = new ControllerRefManager<>(client, Pod.class, rs, selector, () -> freshReplicaSet(rs)).claim(active);

        ReplicaSetStatusCalculator.Failure failure = null;
        RuntimeException manageError = null;
        if (needsSync && rs.getMetadata().getDeletionTimestamp() == null) {
            try {
                failure = manageReplicas(key, rs, owned);
            } catch (RuntimeException e) {
                manageError = e;
            }
        }
        ReplicaSetStatusCalculator.Result result = ReplicaSetStatusCalculator.calculate(rs, owned, failure, clock.instant());
        if (!ReplicaSetStatusCalculator.same(rs.getStatus(), result.status())) {
            ReplicaSet updated = new ReplicaSetBuilder(rs).withStatus(result.status()).build();
            client.apps().replicaSets().inNamespace(namespace).resource(updated).updateStatus();
            LOG.debugf("replicaset %s: status replicas=%d ready=%d available=%d", key, result.status().getReplicas(),
                    result.status().getReadyReplicas(), result.status().getAvailableReplicas());
        }
        result.nextAvailable().ifPresent(wait -> loop.enqueueAfter(key, wait));
        if (manageError != null) {
            throw manageError;
        }
        if (failure != null) {
            throw new IllegalStateException("replicaset " + key + ": " + failure.message());
        }
    }

    /** Creates or deletes pods towards spec.replicas; the failure to report in the status, if any. */
    private ReplicaSetStatusCalculator.Failure manageReplicas(String key, ReplicaSet rs, List<Pod> owned) {
        int wanted = Objects.requireNonNullElse(rs.getSpec().getReplicas(), 1);
        int diff = owned.size() - wanted;
        if (diff < 0) {
            int count = Math.min(-diff, settings.burstReplicas());
            expectations.expectCreations(key, count);
            LOG.debugf("replicaset %s: too few replicas (%d of %d), creating %d", key, owned.size(), wanted, count);
            SlowStart.Outcome outcome = SlowStart.run(count, 1, podWriters, () -> createPod(key, rs));
            // creates never sent will never be seen
            for (int skipped = count - outcome.attempted(); skipped > 0; skipped--) {
                expectations.creationObserved(key);
            }
            if (outcome.failure() != null) {
                return new ReplicaSetStatusCalculator.Failure("FailedCreate", PodWriters.message(outcome.failure()));
            }
        } else if (diff > 0) {
            int count = Math.min(diff, settings.burstReplicas());
            List<Pod> victims = PodDeletionOrder.rankedBy(relatedPods(rs, owned)).firstToDelete(owned, count);
            expectations.expectDeletions(key, victims.stream().map(Indexer::keyOf).toList());
            LOG.debugf("replicaset %s: too many replicas (%d of %d), deleting %d", key, owned.size(), wanted, count);
            List<CompletableFuture<Exception>> deletes = victims.stream()
                    .map(pod -> CompletableFuture.supplyAsync(() -> deletePod(key, rs, pod), podWriters)).toList();
            Exception first = null;
            for (CompletableFuture<Exception> delete : deletes) {
                Exception error = delete.join();
                first = first == null ? error : first;
            }
            if (first != null) {
                return new ReplicaSetStatusCalculator.Failure("FailedDelete", PodWriters.message(first));
            }
        }
        return null;
    }

    private void createPod(String key, ReplicaSet rs) {
        try {
            Pod created = client.pods().inNamespace(rs.getMetadata().getNamespace()).resource(PodFromTemplate.newPod(rs)).create();
            LOG.debugf("replicaset %s: created pod %s", key, created.getMetadata().getName());
            recorder.normal(rs, "SuccessfulCreate", "Created pod: " + created.getMetadata().getName());
        } catch (RuntimeException e) {
            expectations.creationObserved(key);
            LOG.warnf("replicaset %s: creating a pod failed: %s", key, PodWriters.message(e));
            recorder.warning(rs, "FailedCreate", "Error creating: " + PodWriters.message(e));
            throw e;
        }
    }

    /** Deletes one pod; the error, or null when it is gone. */
    private Exception deletePod(String key, ReplicaSet rs, Pod pod) {
        String podKey = Indexer.keyOf(pod);
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete();
            LOG.debugf("replicaset %s: deleted pod %s", key, pod.getMetadata().getName());
            recorder.normal(rs, "SuccessfulDelete", "Deleted pod: " + pod.getMetadata().getName());
            return null;
        } catch (RuntimeException e) {
            expectations.deletionObserved(key, podKey);
            if (e instanceof KubernetesClientException k && k.getCode() == 404) {
                return null;
            }
            LOG.warnf("replicaset %s: deleting pod %s failed: %s", key, pod.getMetadata().getName(), PodWriters.message(e));
            recorder.warning(rs, "FailedDelete", "Error deleting: " + PodWriters.message(e));
            return e;
        }
    }

    /** The active pods of every ReplicaSet with the same controller (its Deployment's), for ranking by node. */
    private List<Pod> relatedPods(ReplicaSet rs, List<Pod> owned) {
        Optional<OwnerReference> owner = ControllerRefs.controllerOf(rs);
        if (owner.isEmpty() || owner.get().getUid() == null) {
            return owned;
        }
        List<Pod> related = new ArrayList<>();
        for (ReplicaSet sibling : replicaSets.indexer().byIndex(Indexes.OWNER_UID, owner.get().getUid())) {
            for (Pod pod : pods.indexer().byIndex(Indexes.OWNER_UID, sibling.getMetadata().getUid())) {
                if (ControllerRefs.isControlledBy(pod, sibling) && PodAvailability.isActive(pod)) {
                    related.add(pod);
                }
            }
        }
        return related;
    }

    private ReplicaSet freshReplicaSet(ReplicaSet rs) {
        return client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace()).withName(rs.getMetadata().getName()).get();
    }

    private void enqueue(ReplicaSet rs) {
        loop.enqueue(Indexer.keyOf(rs));
    }

    /** The ReplicaSet in the cache that is the pod's controller, if any. */
    private Optional<ReplicaSet> owningReplicaSet(Pod pod) {
        return ControllerRefs.cachedController(pod, "ReplicaSet", replicaSets);
    }

    /** The ReplicaSets whose selector matches an orphan pod, which may adopt it. */
    private List<ReplicaSet> matchingReplicaSets(Pod pod) {
        return ControllerRefs.selecting(pod, replicaSets, rs -> rs.getSpec() == null ? null : rs.getSpec().getSelector());
    }

    private final class ReplicaSetEvents implements ResourceEventHandler<ReplicaSet> {
        @Override
        public void onAdd(ReplicaSet rs) {
            enqueue(rs);
        }

        @Override
        public void onUpdate(ReplicaSet old, ReplicaSet rs) {
            enqueue(rs);
        }

        @Override
        public void onDelete(ReplicaSet rs) {
            expectations.delete(Indexer.keyOf(rs));
            enqueue(rs);
        }
    }

    private final class PodEvents implements ResourceEventHandler<Pod> {
        @Override
        public void onAdd(Pod pod) {
            if (pod.getMetadata().getDeletionTimestamp() != null) {
                onDelete(pod);
                return;
            }
            Optional<OwnerReference> ref = ControllerRefs.controllerOf(pod);
            if (ref.isPresent()) {
                owningReplicaSet(pod).ifPresent(rs -> {
                    expectations.creationObserved(Indexer.keyOf(rs));
                    enqueue(rs);
                });
                return;
            }
            matchingReplicaSets(pod).forEach(ReplicaSetController.this::enqueue);
        }

        @Override
        public void onUpdate(Pod old, Pod pod) {
            if (Objects.equals(old.getMetadata().getResourceVersion(), pod.getMetadata().getResourceVersion())) {
                return;
            }
            boolean labelsChanged = !Objects.equals(old.getMetadata().getLabels(), pod.getMetadata().getLabels());
            if (pod.getMetadata().getDeletionTimestamp() != null) {
                onDelete(pod);
                if (labelsChanged) {
                    onDelete(old);
                }
                return;
            }
            Optional<OwnerReference> oldRef = ControllerRefs.controllerOf(old);
            Optional<OwnerReference> ref = ControllerRefs.controllerOf(pod);
            boolean refChanged = !Objects.equals(oldRef.map(OwnerReference::getUid), ref.map(OwnerReference::getUid));
            if (refChanged && oldRef.isPresent()) {
                owningReplicaSet(old).ifPresent(ReplicaSetController.this::enqueue);
            }
            if (ref.isPresent()) {
                owningReplicaSet(pod).ifPresent(ReplicaSetController.this::enqueue);
                return;
            }
            if (labelsChanged || refChanged) {
                matchingReplicaSets(pod).forEach(ReplicaSetController.this::enqueue);
            }
        }

        @Override
        public void onDelete(Pod pod) {
            owningReplicaSet(pod).ifPresent(rs -> {
                String key = Indexer.keyOf(rs);
                expectations.deletionObserved(key, Indexer.keyOf(pod));
                loop.enqueue(key);
            });
        }
    }
}
