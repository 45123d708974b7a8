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
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
    private OwnedPodWriter podWriter;

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
        pods.addEventHandler(new OwnedPodEvents<>("ReplicaSet", replicaSets, rs -> rs.getSpec() == null ? null : rs.getSpec().getSelector(),
                expectations, this::enqueue));
    }

    @Override
    public void start() {
        podWriter = OwnedPodWriter.start(NAME, client, recorder, expectations);
        loop.start();
    }

    @Override
    public void stop(Duration wait) {
        loop.stop(wait);
        if (podWriter != null) {
            podWriter.stop();
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
            SlowStart.Outcome outcome = podWriter.createAll(key, rs, count, () -> PodFromTemplate.newPod(rs));
            if (outcome.failure() != null) {
                return new ReplicaSetStatusCalculator.Failure("FailedCreate", PodWriters.message(outcome.failure()));
            }
        } else if (diff > 0) {
            int count = Math.min(diff, settings.burstReplicas());
            List<Pod> victims = PodDeletionOrder.rankedBy(relatedPods(rs, owned)).firstToDelete(owned, count);
            expectations.expectDeletions(key, victims.stream().map(Indexer::keyOf).toList());
            LOG.debugf("replicaset %s: too many replicas (%d of %d), deleting %d", key, owned.size(), wanted, count);
            Exception first = podWriter.deleteAll(key, rs, victims);
            if (first != null) {
                return new ReplicaSetStatusCalculator.Failure("FailedDelete", PodWriters.message(first));
            }
        }
        return null;
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
}
