package dev.skiff.controllers.deployment;

import dev.skiff.api.selector.LabelSelector;
import dev.skiff.api.selector.SelectorException;
import dev.skiff.controllers.Controller;
import dev.skiff.controllers.ControllerContext;
import dev.skiff.controllers.ReconcileLoop;
import dev.skiff.controllers.replicaset.ControllerRefManager;
import dev.skiff.controllers.replicaset.ControllerRefs;
import dev.skiff.informer.EventRecorder;
import dev.skiff.informer.Indexer;
import dev.skiff.informer.Indexes;
import dev.skiff.informer.Informer;
import dev.skiff.informer.ResourceEventHandler;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Deployment controller, as Kubernetes' {@code deployment-controller}: runs each Deployment
 * through ReplicaSets named {@code <deployment>-<pod-template-hash>}, one per template, rolling
 * from the old to the new ones as its strategy says (RollingUpdate within maxSurge and
 * maxUnavailable, or Recreate), keeping revisions and a bounded history, honouring pause, and
 * reporting progress (the Progressing and Available conditions, the progress deadline) in the
 * status. It adopts orphan ReplicaSets its selector matches and releases those it no longer
 * matches. Each pass is a {@link DeploymentSync}.
 */
@Singleton
public class DeploymentController implements Controller {

    private static final Logger LOG = Logger.getLogger(DeploymentController.class);
    private static final String NAME = "deployment-controller";

    private KubernetesClient client;
    private Clock clock;
    private EventRecorder recorder;
    private Informer<Deployment> deployments;
    private Informer<ReplicaSet> replicaSets;
    private Informer<Pod> pods;
    private ReconcileLoop loop;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void register(ControllerContext context) {
        client = context.client();
        clock = context.clock();
        recorder = context.recorder(NAME);
        loop = context.reconcileLoop(NAME, context.config().deployment().workers(), this::reconcile);
        deployments = context.informers().informer(Deployment.class);
        replicaSets = context.informers().informer(ReplicaSet.class);
        pods = context.informers().informer(Pod.class);
        deployments.addEventHandler(loop.enqueueEveryChange());
        replicaSets.addEventHandler(new ReplicaSetEvents());
        pods.addEventHandler(new PodEvents());
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop(Duration wait) {
        loop.stop(wait);
    }

    /** Converges one Deployment ({@code namespace/name}) from the caches. */
    void reconcile(String key) {
        Deployment deployment = deployments.indexer().get(key).orElse(null);
        if (deployment == null) {
            return;
        }
        LabelSelector selector;
        try {
            selector = LabelSelector.from(deployment.getSpec().getSelector());
        } catch (SelectorException e) {
            LOG.warnf("deployment %s: its selector is invalid, so it is left alone: %s", key, e.getMessage());
            return;
        }
        if (selector.isEmpty()) {
            selectingAll(key, deployment);
            return;
        }
        List<ReplicaSet> candidates = replicaSets.indexer().byIndex(Indexes.NAMESPACE, deployment.getMetadata().getNamespace());
        List<ReplicaSet> owned = new ControllerRefManager<>(client, ReplicaSet.class, deployment, selector,
                () -> client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace())
                        .withName(deployment.getMetadata().getName()).get())
                .claim(candidates);
        new DeploymentSync(client, recorder, clock, deployment, owned, this::podsOf,
                wait -> loop.enqueueAfter(key, wait)).run();
    }

    /** A Deployment whose selector is empty would select every pod: it is only told so, as Kubernetes does. */
    private void selectingAll(String key, Deployment deployment) {
        LOG.warnf("deployment %s: its selector is empty; a non-empty selector is required", key);
        recorder.warning(deployment, "SelectingAll", "This deployment is selecting all pods. A non-empty selector is required.");
        long generation = deployment.getMetadata().getGeneration() == null ? 0 : deployment.getMetadata().getGeneration();
        DeploymentStatus status = deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
        if (status.getObservedGeneration() == null || status.getObservedGeneration() < generation) {
            Deployment copy = new DeploymentBuilder(deployment).editOrNewStatus().withObservedGeneration(generation).endStatus().build();
            client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace()).resource(copy).updateStatus();
        }
    }

    /** The pods a ReplicaSet controls. */
    private List<Pod> podsOf(ReplicaSet rs) {
        return pods.indexer().byIndex(Indexes.OWNER_UID, rs.getMetadata().getUid()).stream()
                .filter(pod -> ControllerRefs.isControlledBy(pod, rs)).toList();
    }

    private void enqueue(Deployment deployment) {
        loop.enqueue(Indexer.keyOf(deployment));
    }

    /** The Deployment in the cache that controls the ReplicaSet, if any. */
    private Optional<Deployment> owningDeployment(ReplicaSet rs) {
        return ControllerRefs.cachedController(rs, "Deployment", deployments);
    }

    /** The Deployments whose selector matches an orphan ReplicaSet, which may adopt it. */
    private List<Deployment> matchingDeployments(ReplicaSet rs) {
        return ControllerRefs.selecting(rs, deployments, deployment -> deployment.getSpec() == null ? null : deployment.getSpec().getSelector());
    }

    private final class ReplicaSetEvents implements ResourceEventHandler<ReplicaSet> {
        @Override
        public void onAdd(ReplicaSet rs) {
            if (ControllerRefs.controllerOf(rs).isPresent()) {
                owningDeployment(rs).ifPresent(DeploymentController.this::enqueue);
            } else {
                matchingDeployments(rs).forEach(DeploymentController.this::enqueue);
            }
        }

        @Override
        public void onUpdate(ReplicaSet old, ReplicaSet rs) {
            if (Objects.equals(old.getMetadata().getResourceVersion(), rs.getMetadata().getResourceVersion())) {
                return;
            }
            Optional<OwnerReference> oldRef = ControllerRefs.controllerOf(old);
            Optional<OwnerReference> ref = ControllerRefs.controllerOf(rs);
            boolean refChanged = !Objects.equals(oldRef.map(OwnerReference::getUid), ref.map(OwnerReference::getUid));
            if (refChanged && oldRef.isPresent()) {
                owningDeployment(old).ifPresent(DeploymentController.this::enqueue);
            }
            if (ref.isPresent()) {
                owningDeployment(rs).ifPresent(DeploymentController.this::enqueue);
                return;
            }
            boolean labelsChanged = !Objects.equals(old.getMetadata().getLabels(), rs.getMetadata().getLabels());
            if (labelsChanged || refChanged) {
                matchingDeployments(rs).forEach(DeploymentController.this::enqueue);
            }
        }

        @Override
        public void onDelete(ReplicaSet rs) {
            owningDeployment(rs).ifPresent(DeploymentController.this::enqueue);
        }
    }

    /** A Recreate rollout waits for the old pods to be gone: their deletion lets it go on. */
    private final class PodEvents implements ResourceEventHandler<Pod> {
        @Override
        public void onDelete(Pod pod) {
            ControllerRefs.controllerOf(pod)
                    .filter(ref -> "ReplicaSet".equals(ref.getKind()))
                    .flatMap(ref -> replicaSets.indexer().get(pod.getMetadata().getNamespace() + "/" + ref.getName())
                            .filter(rs -> Objects.equals(rs.getMetadata().getUid(), ref.getUid())))
                    .flatMap(DeploymentController.this::owningDeployment)
                    .filter(RollingUpdateLimits::isRecreate)
                    .ifPresent(DeploymentController.this::enqueue);
        }
    }
}
