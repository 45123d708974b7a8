package dev.skiff.controllers.podgc;

import dev.skiff.controllers.Controller;
import dev.skiff.controllers.ControllerContext;
import dev.skiff.controllers.DisruptionTarget;
import dev.skiff.controllers.config.ControllersConfig.PodGcConfig;
import dev.skiff.controllers.nodelifecycle.NodeConditions;
import dev.skiff.controllers.nodelifecycle.Taints;
import dev.skiff.informer.Informer;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Kubernetes' pod garbage collector: every period it force-deletes (grace period 0)
 * <ol>
 *   <li>finished pods (Succeeded or Failed) beyond the terminated-pod threshold, oldest first;</li>
 *   <li>terminating pods on a node that is not ready and carries the {@code node.kubernetes.io/out-of-service}
 *       taint (the administrator's word that the node is down for good);</li>
 *   <li>pods bound to a node that has not existed for the quarantine (checked against the api-server);</li>
 *   <li>terminating pods that were never scheduled, which no kubelet will ever finish.</li>
 * </ol>
 * A pod that has not finished is first marked Failed (with a DisruptionTarget condition where the
 * node is the cause), as Kubernetes does, so that its owner sees why it went.
 */
@Singleton
public class PodGarbageCollector implements Controller {

    public static final String NAME = "pod-garbage-collector";
    private static final Logger LOG = Logger.getLogger(PodGarbageCollector.class);

    private PodGcConfig config;
    private KubernetesClient client;
    private Clock clock;
    private Informer<Pod> pods;
    private Informer<Node> nodes;
    private OrphanQuarantine quarantine;
    private ScheduledExecutorService timer;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void register(ControllerContext context) {
        config = context.config().podGc();
        if (config.period().isNegative() || config.period().isZero()) {
            throw new IllegalArgumentException("skiff.controllers.pod-gc.period must be positive, got " + config.period());
        }
        client = context.client();
        clock = context.clock();
        quarantine = new OrphanQuarantine(config.quarantine());
        pods = context.informers().informer(Pod.class);
        nodes = context.informers().informer(Node.class);
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, NAME);
            thread.setDaemon(true);
            return thread;
        });
        long period = config.period().toNanos();
        timer.scheduleWithFixedDelay(this::collectLogged, period, period, TimeUnit.NANOSECONDS);
        LOG.infof("%s started: every %d ms; orphans after %d ms; keeps %d finished pods", NAME,
                config.period().toMillis(), config.quarantine().toMillis(), config.terminatedPodGcThreshold());
    }

    @Override
    public synchronized void stop(Duration wait) {
        if (timer == null) {
            return;
        }
        timer.shutdownNow();
        try {
            timer.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void collectLogged() {
        try {
            collect();
        } catch (RuntimeException e) {
            LOG.warnf(e, "%s: a collection failed; the next one retries", NAME);
        }
    }

    /** One pass over the cached pods. */
    void collect() {
        List<Pod> all = pods.indexer().list();
        for (Pod pod : TerminatedPods.beyondThreshold(all, config.terminatedPodGcThreshold())) {
            delete(pod, null, "it is one of the oldest of more than " + config.terminatedPodGcThreshold() + " finished pods");
        }
        for (Pod pod : all) {
            if (terminating(pod) && bound(pod) && outOfService(pod.getSpec().getNodeName())) {
                delete(pod, "PodGC: node is out of service", "its node " + pod.getSpec().getNodeName() + " is out of service");
            }
        }
        collectOrphans(all);
        for (Pod pod : all) {
            if (terminating(pod) && !bound(pod)) {
                delete(pod, null, "it is terminating and was never scheduled");
            }
        }
    }

    private void collectOrphans(List<Pod> all) {
        Instant now = clock.instant();
        Set<String> missing = new TreeSet<>();
        for (Pod pod : all) {
            if (bound(pod) && nodes.indexer().get(pod.getSpec().getNodeName()).isEmpty()) {
                missing.add(pod.getSpec().getNodeName());
            }
        }
        List<String> gone = new ArrayList<>();
        for (String node : quarantine.missingLongEnough(missing, now)) {
            // the cache may lag behind: only the api-server's answer deletes pods
            if (client.nodes().withName(node).get() == null) {
                gone.add(node);
            } else {
                quarantine.restart(node, now);
            }
        }
        for (Pod pod : all) {
            if (bound(pod) && gone.contains(pod.getSpec().getNodeName())) {
                delete(pod, "PodGC: node no longer exists", "its node " + pod.getSpec().getNodeName() + " no longer exists");
            }
        }
    }

    private boolean outOfService(String nodeName) {
        return nodes.indexer().get(nodeName)
                .filter(node -> !NodeConditions.isReady(node))
                .filter(node -> node.getSpec() != null && node.getSpec().getTaints() != null
                        && node.getSpec().getTaints().stream().anyMatch(t -> Taints.OUT_OF_SERVICE.equals(t.getKey())))
                .isPresent();
    }

    /**
     * Marks an unfinished pod Failed (with a DisruptionTarget condition when {@code disruption} names
     * the cause), then deletes it with grace period 0. A finished pod already deleted so (kept by
     * finalizers) is left alone.
     */
    private void delete(Pod pod, String disruption, String why) {
        String namespace = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        Long grace = pod.getMetadata().getDeletionGracePeriodSeconds();
        if (TerminatedPods.isTerminated(pod) && pod.getMetadata().getDeletionTimestamp() != null && grace != null && grace == 0) {
            return;
        }
        try {
            if (!TerminatedPods.isTerminated(pod)) {
                client.pods().inNamespace(namespace).resource(failed(pod, disruption)).updateStatus();
            }
            if (client.pods().inNamespace(namespace).withName(name).withGracePeriod(0).delete().isEmpty()) {
                return;
            }
            LOG.infof("pod %s/%s: deleted, %s", namespace, name, why);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return;
            }
            if (e.getCode() == 409) {
                LOG.debugf("pod %s/%s changed meanwhile; the next collection looks at it again", namespace, name);
                return;
            }
            LOG.warnf(e, "pod %s/%s: could not delete it (%s)", namespace, name, why);
        }
    }

    private Pod failed(Pod pod, String disruption) {
        Pod copy = new PodBuilder(pod).editOrNewStatus().withPhase("Failed").endStatus().build();
        if (disruption != null) {
            List<PodCondition> conditions = new ArrayList<>(copy.getStatus().getConditions() == null ? List.of()
                    : copy.getStatus().getConditions());
            conditions.removeIf(c -> DisruptionTarget.TYPE.equals(c.getType()));
            conditions.add(DisruptionTarget.condition("DeletionByPodGC", disruption, clock.instant()));
            copy.getStatus().setConditions(conditions);
        }
        return copy;
    }

    private static boolean terminating(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() != null;
    }

    private static boolean bound(Pod pod) {
        return pod.getSpec() != null && pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty();
    }
}
