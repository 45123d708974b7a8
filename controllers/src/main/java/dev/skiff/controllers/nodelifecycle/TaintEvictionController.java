package dev.skiff.controllers.nodelifecycle;

import dev.skiff.controllers.Controller;
import dev.skiff.controllers.ControllerContext;
import dev.skiff.controllers.DisruptionTarget;
import dev.skiff.controllers.ReconcileLoop;
import dev.skiff.informer.EventRecorder;
import dev.skiff.informer.Indexer;
import dev.skiff.informer.Indexes;
import dev.skiff.informer.Informer;
import dev.skiff.informer.ResourceEventHandler;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Kubernetes' taint eviction controller: a pod on a node with a NoExecute taint it does not
 * tolerate is deleted at once; one that tolerates it for tolerationSeconds is deleted when that
 * time since the taint was added has run out (it is looked at again then); a toleration without
 * seconds lets it stay. The pod is marked with the DisruptionTarget condition, then deleted with
 * the ordinary graceful delete: the pod stays Terminating until its kubelet (if it ever comes
 * back) stops it, and its ReplicaSet replaces it meanwhile.
 */
@Singleton
public class TaintEvictionController implements Controller {

    public static final String NAME = "taint-eviction-controller";
    private static final Logger LOG = Logger.getLogger(TaintEvictionController.class);

    private final TaintFirstSeen firstSeen = new TaintFirstSeen();
    private KubernetesClient client;
    private Clock clock;
    private Informer<Node> nodes;
    private Informer<Pod> pods;
    private EventRecorder recorder;
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
        loop = context.reconcileLoop(NAME, OptionalInt.empty(), this::reconcile);
        nodes = context.informers().informer(Node.class);
        pods = context.informers().informer(Pod.class);
        pods.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                enqueueIfBound(pod);
            }

            @Override
            public void onUpdate(Pod oldPod, Pod pod) {
                enqueueIfBound(pod);
            }
        });
        nodes.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node) {
                nodeChanged(null, node);
            }

            @Override
            public void onUpdate(Node oldNode, Node node) {
                nodeChanged(oldNode, node);
            }

            @Override
            public void onDelete(Node node) {
                firstSeen.forget(node.getMetadata().getName());
            }
        });
    }

    private void enqueueIfBound(Pod pod) {
        if (pod.getSpec() != null && pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty()) {
            loop.enqueue(Indexer.keyOf(pod));
        }
    }

    /** A node whose NoExecute taints changed (or a resync of a tainted node) has each of its pods looked at. */
    private void nodeChanged(Node oldNode, Node node) {
        firstSeen.observe(node, clock.instant());
        List<Taint> taints = noExecuteTaints(node);
        boolean resync = oldNode == node;
        if (taints.isEmpty() || (!resync && oldNode != null && taints.equals(noExecuteTaints(oldNode)))) {
            return;
        }
        for (Pod pod : pods.indexer().byIndex(Indexes.NODE_NAME, node.getMetadata().getName())) {
            loop.enqueue(Indexer.keyOf(pod));
        }
    }

    @Override
    public void start() {
        loop.start();
        LOG.infof("%s started", NAME);
    }

    @Override
    public void stop(Duration wait) {
        if (loop != null) {
            loop.stop(wait);
        }
    }

    /** Deletes the pod if its node's NoExecute taints say it has to go now, or looks at it again when they will. */
    void reconcile(String key) {
        Pod pod = pods.indexer().get(key).orElse(null);
        if (pod == null || pod.getMetadata().getDeletionTimestamp() != null || pod.getSpec() == null) {
            return;
        }
        String nodeName = pod.getSpec().getNodeName();
        Node node = nodeName == null ? null : nodes.indexer().get(nodeName).orElse(null);
        if (node == null) {
            return;
        }
        List<Taint> taints = noExecuteTaints(node);
        if (taints.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<Toleration> tolerations = pod.getSpec().getTolerations() == null ? List.of() : pod.getSpec().getTolerations();
        Optional<Instant> evictAt = EvictionTime.of(taints, tolerations, taint -> firstSeen.addedAt(nodeName, taint, now), now);
        if (evictAt.isEmpty()) {
            return;
        }
        if (evictAt.get().isAfter(now)) {
            loop.enqueueAfter(key, Duration.between(now, evictAt.get()));
            return;
        }
        String namespace = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        if (!markDisrupted(pod, now) || client.pods().inNamespace(namespace).withName(name).delete().isEmpty()) {
            return;
        }
        recorder.normal(pod, "TaintManagerEviction", "Marking for deletion Pod " + namespace + "/" + name);
        LOG.infof("pod %s/%s: deleted, its node %s has the taints %s", namespace, name, nodeName, describe(taints));
    }

    /**
     * Sets the pod's DisruptionTarget condition, as Kubernetes does before it evicts; a strategic
     * merge patch, so only that condition is written. False when the pod is gone.
     */
    private boolean markDisrupted(Pod pod, Instant now) {
        PodCondition condition = DisruptionTarget.condition("DeletionByTaintManager", "Taint manager: deleting due to NoExecute taint", now);
        String patch = client.getKubernetesSerialization().asJson(Map.of("status", Map.of("conditions", List.of(condition))));
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).subresource("status")
                    .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), patch);
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private static List<Taint> noExecuteTaints(Node node) {
        if (node.getSpec() == null || node.getSpec().getTaints() == null) {
            return List.of();
        }
        return node.getSpec().getTaints().stream().filter(t -> Taints.NO_EXECUTE.equals(t.getEffect())).toList();
    }

    private static String describe(List<Taint> taints) {
        return String.join(", ", taints.stream().map(t -> t.getKey() + ":" + t.getEffect()).toList());
    }
}
