package dev.skiff.controllers.nodelifecycle;

import dev.skiff.controllers.Controller;
import dev.skiff.controllers.ControllerContext;
import dev.skiff.controllers.ReconcileLoop;
import dev.skiff.controllers.config.ControllersConfig.NodeLifecycleConfig;
import dev.skiff.informer.EventRecorder;
import dev.skiff.informer.Indexes;
import dev.skiff.informer.Informer;
import dev.skiff.informer.ResourceEventHandler;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Kubernetes' node lifecycle controller: it watches every node's heartbeats (its Lease in
 * {@code kube-node-lease}, renewed by the kubelet, and its Ready condition's heartbeat) and, for a
 * node not heard from within the grace period, sets its conditions to Unknown. It keeps the node's
 * taints in line with its conditions (Ready False: {@code not-ready}, Unknown: {@code unreachable},
 * both NoExecute and NoSchedule; they go when the kubelet reports Ready again), and marks the pods
 * of a node that is not ready not ready. The taint eviction controller then moves the pods away.
 * A monitor hands every node to the reconcile loop each node-monitor-period.
 */
@Singleton
public class NodeLifecycleController implements Controller {

    public static final String NAME = "node-lifecycle-controller";
    /** The namespace of the kubelets' node Leases, each named as its node. */
    public static final String LEASE_NAMESPACE = "kube-node-lease";
    private static final Logger LOG = Logger.getLogger(NodeLifecycleController.class);

    private final NodeHeartbeats heartbeats = new NodeHeartbeats();
    private NodeLifecycleConfig config;
    private KubernetesClient client;
    private Clock clock;
    private Informer<Node> nodes;
    private Informer<Lease> leases;
    private Informer<Pod> pods;
    private EventRecorder recorder;
    private ReconcileLoop loop;
    private ScheduledExecutorService monitor;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void register(ControllerContext context) {
        config = context.config().nodeLifecycle();
        requirePositive("node-monitor-period", config.nodeMonitorPeriod());
        requirePositive("node-monitor-grace-period", config.nodeMonitorGracePeriod());
        requirePositive("node-startup-grace-period", config.nodeStartupGracePeriod());
        client = context.client();
        clock = context.clock();
        recorder = context.recorder("node-controller");
        loop = context.reconcileLoop(NAME, OptionalInt.empty(), this::reconcile);
        nodes = context.informers().informer(Node.class);
        leases = context.informers().informer(Lease.class);
        pods = context.informers().informer(Pod.class);
        nodes.addEventHandler(loop.enqueueEveryChange());
        leases.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Lease lease) {
                enqueueNodeOf(lease);
            }

            @Override
            public void onUpdate(Lease oldLease, Lease lease) {
                enqueueNodeOf(lease);
            }
        });
    }

    private static void requirePositive(String setting, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("skiff.controllers.node-lifecycle." + setting + " must be positive, got " + value);
        }
    }

    private void enqueueNodeOf(Lease lease) {
        if (LEASE_NAMESPACE.equals(lease.getMetadata().getNamespace())) {
            loop.enqueue(lease.getMetadata().getName());
        }
    }

    @Override
    public synchronized void start() {
        loop.start();
        monitor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, NAME + "-monitor");
            thread.setDaemon(true);
            return thread;
        });
        long period = config.nodeMonitorPeriod().toNanos();
        monitor.scheduleWithFixedDelay(() -> nodes.indexer().listKeys().forEach(loop::enqueue), 0, period, TimeUnit.NANOSECONDS);
        LOG.infof("%s started: a node is unknown after %d ms without a heartbeat (%d ms before its first status), checked every %d ms",
                NAME, config.nodeMonitorGracePeriod().toMillis(), config.nodeStartupGracePeriod().toMillis(),
                config.nodeMonitorPeriod().toMillis());
    }

    @Override
    public synchronized void stop(Duration wait) {
        if (monitor != null) {
            monitor.shutdownNow();
        }
        if (loop != null) {
            loop.stop(wait);
        }
    }

    /** Checks the node's heartbeats, then converges its conditions, its taints and its pods' readiness. */
    void reconcile(String name) {
        Node node = nodes.indexer().get(name).orElse(null);
        if (node == null) {
            heartbeats.forget(name);
            return;
        }
        Instant now = clock.instant();
        if (!heartbeats.known(name)) {
            recorder.normal(node, "RegisteredNode", "Node " + name + " event: Registered Node " + name + " in Controller");
        }
        Instant heard = heartbeats.observe(name, leaseRenewTime(name), readyHeartbeat(node), now);
        boolean started = NodeConditions.find(node, NodeConditions.READY).isPresent();
        Duration grace = started ? config.nodeMonitorGracePeriod() : config.nodeStartupGracePeriod();
        if (now.isAfter(heard.plus(grace))) {
            node = markUnknown(node, Duration.between(heard, now), now);
        }
        node = updateTaints(node, now);
        if (NodeConditions.status(node, NodeConditions.READY).filter(status -> !"True".equals(status)).isPresent()) {
            markPodsNotReady(node, now);
        }
    }

    private String leaseRenewTime(String node) {
        return leases.indexer().get(LEASE_NAMESPACE + "/" + node)
                .map(lease -> lease.getSpec() == null || lease.getSpec().getRenewTime() == null ? null
                        : lease.getSpec().getRenewTime().toInstant().toString())
                .orElse(null);
    }

    /** The kubelet's last heartbeat on the Ready condition; none once this controller has set it to Unknown. */
    private static String readyHeartbeat(Node node) {
        return NodeConditions.find(node, NodeConditions.READY)
                .filter(condition -> !"Unknown".equals(condition.getStatus()))
                .map(NodeCondition::getLastHeartbeatTime)
                .orElse(null);
    }

    private Node markUnknown(Node node, Duration silent, Instant now) {
        List<NodeCondition> conditions = NodeConditions.unknown(node, now);
        List<NodeCondition> current = node.getStatus() == null ? null : node.getStatus().getConditions();
        if (conditions.equals(current)) {
            return node;
        }
        boolean wasReady = NodeConditions.isReady(node);
        Node changed = new NodeBuilder(node).editOrNewStatus().withConditions(conditions).endStatus().build();
        Node written = client.nodes().resource(changed).updateStatus();
        String name = node.getMetadata().getName();
        LOG.infof("node %s: no heartbeat for %d s, its conditions are now Unknown", name, silent.toSeconds());
        if (wasReady) {
            recorder.normal(written, "NodeNotReady", "Node " + name + " status is now: NodeNotReady");
        }
        return written;
    }

    private Node updateTaints(Node node, Instant now) {
        Optional<List<Taint>> taints = NodeTaints.reconcile(node, now);
        if (taints.isEmpty()) {
            return node;
        }
        Node changed = new NodeBuilder(node).editOrNewSpec().withTaints(taints.get()).endSpec().build();
        Node written = client.nodes().resource(changed).update();
        LOG.infof("node %s: taints now %s", node.getMetadata().getName(), describe(taints.get()));
        return written;
    }

    private void markPodsNotReady(Node node, Instant now) {
        String name = node.getMetadata().getName();
        for (Pod pod : pods.indexer().byIndex(Indexes.NODE_NAME, name)) {
            Optional<Pod> marked = PodReadiness.markedNotReady(pod, now);
            if (marked.isEmpty()) {
                continue;
            }
            try {
                client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(marked.get()).updateStatus();
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    continue;
                }
                throw e;
            }
            LOG.infof("pod %s/%s: marked not ready, its node %s is not ready", pod.getMetadata().getNamespace(),
                    pod.getMetadata().getName(), name);
            recorder.warning(pod, "NodeNotReady", "Node is not ready");
        }
    }

    private static String describe(List<Taint> taints) {
        return taints.isEmpty() ? "none" : taints.stream().map(t -> t.getKey() + ":" + t.getEffect())
                .collect(Collectors.joining(", "));
    }
}
