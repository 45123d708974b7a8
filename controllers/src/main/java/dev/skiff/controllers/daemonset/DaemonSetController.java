package dev.skiff.controllers.daemonset;

import dev.skiff.api.selector.LabelSelector;
import dev.skiff.controllers.Controller;
import dev.skiff.controllers.ControllerContext;
import dev.skiff.controllers.ReconcileLoop;
import dev.skiff.controllers.config.ControllersConfig;
import dev.skiff.controllers.deployment.PodTemplateHash;
import dev.skiff.controllers.replicaset.ControllerExpectations;
import dev.skiff.controllers.replicaset.ControllerRefManager;
import dev.skiff.controllers.replicaset.OwnedPodEvents;
import dev.skiff.controllers.replicaset.OwnedPodWriter;
import dev.skiff.controllers.replicaset.PodWriters;
import dev.skiff.controllers.replicaset.SlowStart;
import dev.skiff.informer.EventRecorder;
import dev.skiff.informer.Indexer;
import dev.skiff.informer.Indexes;
import dev.skiff.informer.Informer;
import dev.skiff.informer.ResourceEventHandler;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jboss.logging.Logger;

/**
 * The DaemonSet controller, as Kubernetes' {@code daemonset-controller}: one pod of each DaemonSet
 * on every node that should run it ({@link NodeFit}), none on the others, pinned to its node for
 * the scheduler to bind ({@link DaemonPods}); failed pods replaced; a changed template rolled out
 * node by node ({@link DaemonSetSync}); adopts orphan pods its selector matches and releases its
 * pods that no longer match; waits to see its own creates and deletes before acting again; keeps
 * its templates as ControllerRevisions ({@link DaemonSetHistory}, for {@code kubectl rollout
 * history|undo}); and writes the status through the status subresource.
 */
@Singleton
public class DaemonSetController implements Controller {

    private static final Logger LOG = Logger.getLogger(DaemonSetController.class);
    private static final String NAME = "daemonset-controller";

    private KubernetesClient client;
    private Clock clock;
    private EventRecorder recorder;
    private ControllersConfig.DaemonSetConfig settings;
    private Informer<DaemonSet> daemonSets;
    private Informer<Pod> pods;
    private Informer<Node> nodes;
    private DaemonSetHistory history;
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
        settings = context.config().daemonSet();
        expectations = new ControllerExpectations(settings.expectationsTimeout(), clock);
        loop = context.reconcileLoop(NAME, settings.workers(), this::reconcile);
        daemonSets = context.informers().informer(DaemonSet.class);
        pods = context.informers().informer(Pod.class);
        nodes = context.informers().informer(Node.class);
        history = new DaemonSetHistory(client, context.informers().informer(ControllerRevision.class));
        daemonSets.addEventHandler(new DaemonSetEvents());
        pods.addEventHandler(new OwnedPodEvents<>("DaemonSet", daemonSets, ds -> ds.getSpec() == null ? null : ds.getSpec().getSelector(),
                expectations, this::enqueue));
        nodes.addEventHandler(new NodeEvents());
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

    /** Converges one DaemonSet ({@code namespace/name}) from the caches. */
    void reconcile(String key) {
        DaemonSet ds = daemonSets.indexer().get(key).orElse(null);
        if (ds == null) {
            expectations.delete(key);
            return;
        }
        LabelSelector selector = PodWriters.selectorOf(ds, ds.getSpec() == null ? null : ds.getSpec().getSelector());
        if (selector == null) {
            return;
        }
        boolean needsSync = expectations.satisfied(key);
        String namespace = ds.getMetadata().getNamespace();
        List<Pod> candidates = pods.indexer().byIndex(Indexes.NAMESPACE, namespace);
        List<Pod> owned = new ControllerRefManager<>(client, Pod.class, ds, selector, () -> freshDaemonSet(ds)).claim(candidates);
        Map<String, List<Pod>> podsByNode = byNode(key, owned);
        Map<String, NodeFit> fits = NodeFit.of(ds, nodes.indexer().list());
        String hash = PodTemplateHash.compute(ds.getSpec().getTemplate(),
                ds.getStatus() == null ? null : ds.getStatus().getCollisionCount());

        RuntimeException syncError = null;
        if (ds.getMetadata().getDeletionTimestamp() == null) {
            try {
                history.record(ds, hash);
                if (needsSync) {
                    sync(key, ds, new DaemonSetSync(ds, fits, podsByNode, hash, clock.instant()).plan(), hash);
                    history.cleanUp(ds, hash, owned);
                }
            } catch (RuntimeException e) {
                syncError = e;
            }
        }
        DaemonSetStatusCalculator.Result result = DaemonSetStatusCalculator.calculate(ds, fits, podsByNode, hash, clock.instant());
        if (!result.status().equals(ds.getStatus())) {
            DaemonSet updated = new DaemonSetBuilder(ds).withStatus(result.status()).build();
            client.apps().daemonSets().inNamespace(namespace).resource(updated).updateStatus();
            LOG.debugf("daemonset %s: status desired=%d current=%d ready=%d updated=%d available=%d", key,
                    result.status().getDesiredNumberScheduled(), result.status().getCurrentNumberScheduled(),
                    result.status().getNumberReady(), result.status().getUpdatedNumberScheduled(), result.status().getNumberAvailable());
        }
        result.nextAvailable().ifPresent(wait -> loop.enqueueAfter(key, wait));
        if (syncError != null) {
            throw syncError;
        }
    }

    /** The pods by the node they run on or are pinned to, each node's oldest first. */
    private static Map<String, List<Pod>> byNode(String key, List<Pod> owned) {
        Map<String, List<Pod>> byNode = new HashMap<>();
        for (Pod pod : owned) {
            Optional<String> node = DaemonPods.targetNode(pod);
            if (node.isEmpty()) {
                LOG.debugf("daemonset %s: pod %s has no node and is pinned to none; left alone", key, pod.getMetadata().getName());
                continue;
            }
            byNode.computeIfAbsent(node.get(), n -> new ArrayList<>()).add(pod);
        }
        byNode.values().forEach(list -> list.sort(DaemonSetSync.OLDEST_FIRST));
        return byNode;
    }

    /** Carries out a plan, at most {@code burst-replicas} creates and deletes of it. */
    private void sync(String key, DaemonSet ds, DaemonSetSync.Plan plan, String hash) {
        if (plan.isEmpty()) {
            return;
        }
        List<String> createOn = plan.createOn().subList(0, Math.min(plan.createOn().size(), settings.burstReplicas()));
        List<Pod> delete = plan.delete().subList(0, Math.min(plan.delete().size(), settings.burstReplicas()));
        expectations.expect(key, createOn.size(), delete.stream().map(Indexer::keyOf).toList());
        for (Pod failed : plan.failed()) {
            String message = "Found failed daemon pod " + Indexer.keyOf(failed) + " on node " + DaemonPods.targetNode(failed).orElse("")
                    + ", will try to kill it";
            LOG.infof("daemonset %s: %s", key, message);
            recorder.warning(ds, "FailedDaemonPod", message);
        }
        Exception failure = podWriter.deleteAll(key, ds, delete);
        if (!createOn.isEmpty()) {
            LOG.debugf("daemonset %s: creating pods on nodes %s", key, createOn);
            Queue<String> pending = new ConcurrentLinkedQueue<>(createOn);
            SlowStart.Outcome outcome = podWriter.createAll(key, ds, createOn.size(), () -> DaemonPods.newPod(ds, pending.remove(), hash));
            failure = failure != null ? failure : outcome.failure();
        }
        if (failure != null) {
            throw new IllegalStateException("daemonset " + key + ": " + PodWriters.message(failure), failure);
        }
    }

    private DaemonSet freshDaemonSet(DaemonSet ds) {
        return client.apps().daemonSets().inNamespace(ds.getMetadata().getNamespace()).withName(ds.getMetadata().getName()).get();
    }

    private void enqueue(DaemonSet ds) {
        loop.enqueue(Indexer.keyOf(ds));
    }

    private void enqueueAll() {
        daemonSets.indexer().list().forEach(this::enqueue);
    }

    private final class DaemonSetEvents implements ResourceEventHandler<DaemonSet> {
        @Override
        public void onAdd(DaemonSet ds) {
            enqueue(ds);
        }

        @Override
        public void onUpdate(DaemonSet old, DaemonSet ds) {
            enqueue(ds);
        }

        @Override
        public void onDelete(DaemonSet ds) {
            expectations.delete(Indexer.keyOf(ds));
            enqueue(ds);
        }
    }

    /** A node added or gone, or whose labels or taints changed, may change where every DaemonSet runs. */
    private final class NodeEvents implements ResourceEventHandler<Node> {
        @Override
        public void onAdd(Node node) {
            enqueueAll();
        }

        @Override
        public void onUpdate(Node old, Node node) {
            boolean labels = !Objects.equals(old.getMetadata().getLabels(), node.getMetadata().getLabels());
            boolean taints = !Objects.equals(old.getSpec() == null ? null : old.getSpec().getTaints(),
                    node.getSpec() == null ? null : node.getSpec().getTaints());
            if (labels || taints) {
                enqueueAll();
            }
        }

        @Override
        public void onDelete(Node node) {
            enqueueAll();
        }
    }
}
