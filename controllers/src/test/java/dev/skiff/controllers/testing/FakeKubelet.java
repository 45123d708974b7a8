package dev.skiff.controllers.testing;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays a node's kubelet for a test, as far as the control plane sees it: registers the Node with
 * its conditions, renews its Lease in {@code kube-node-lease} (until told to stop, as a kubelet that
 * died), posts its status again, and "runs" pods bound to it by reporting them Running and Ready.
 */
public final class FakeKubelet implements AutoCloseable {

    private static final String LEASE_NAMESPACE = "kube-node-lease";

    private final KubernetesClient client;
    private final String node;
    private ScheduledExecutorService renewer;

    public FakeKubelet(KubernetesClient client, String node) {
        this.client = client;
        this.node = node;
    }

    public String node() {
        return node;
    }

    /** Registers the Node with Ready=True (heartbeats at {@code heartbeat}) and its Lease renewed then. */
    public FakeKubelet register(Instant heartbeat) {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(node).endMetadata()
                .withNewStatus().withConditions(conditions("True", heartbeat)).endStatus().build()).create();
        client.leases().inNamespace(LEASE_NAMESPACE).resource(new LeaseBuilder()
                .withNewMetadata().withName(node).withNamespace(LEASE_NAMESPACE).endMetadata()
                .withNewSpec().withHolderIdentity(node).withLeaseDurationSeconds(40).withRenewTime(time(heartbeat)).endSpec()
                .build()).create();
        return this;
    }

    /** Registers a Node that has not posted any condition yet (no Lease either). */
    public FakeKubelet registerWithoutStatus() {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(node).endMetadata().build()).create();
        return this;
    }

    /** Renews the Lease at this interval until {@link #stopRenewing()}. */
    public synchronized FakeKubelet renewEvery(Duration interval) {
        stopRenewing();
        renewer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "fake-kubelet-" + node);
            thread.setDaemon(true);
            return thread;
        });
        renewer.scheduleWithFixedDelay(this::renew, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Stops renewing, as a kubelet that died (after its renewal in progress, if any). */
    public synchronized void stopRenewing() {
        if (renewer != null) {
            renewer.shutdown();
            try {
                renewer.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            renewer = null;
        }
    }

    private void renew() {
        try {
            client.leases().inNamespace(LEASE_NAMESPACE).withName(node)
                    .edit(lease -> {
                        lease.getSpec().setRenewTime(time(Instant.now()));
                        return lease;
                    });
        } catch (KubernetesClientException e) {
            // a conflict or a blip: the next renewal tries again, as the kubelet does
        }
    }

    /** Posts the node's status as a kubelet that is (back) up: Ready=True, no pressure, heartbeats now. */
    public void postReady() {
        client.nodes().withName(node).editStatus(current -> new NodeBuilder(current).editOrNewStatus()
                .withConditions(conditions("True", Instant.now())).endStatus().build());
    }

    /** Creates a pod bound to this node and reports it Running and Ready. */
    public Pod runPod(String namespace, String name, Toleration... tolerations) {
        client.pods().inNamespace(namespace).resource(new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withNodeName(node).withTolerations(tolerations)
                    .addNewContainer().withName("main").withImage("skiff.local/busybox:1").endContainer()
                .endSpec().build()).create();
        String now = timestamp(Instant.now());
        return client.pods().inNamespace(namespace).withName(name).editStatus(pod -> new PodBuilder(pod).editStatus()
                .withPhase("Running").withPodIP("10.0.0.1")
                .withConditions(
                        new PodConditionBuilder().withType("PodScheduled").withStatus("True").withLastTransitionTime(now).build(),
                        new PodConditionBuilder().withType("Ready").withStatus("True").withLastTransitionTime(now).build())
                .endStatus().build());
    }

    /** Stops renewing and removes the Node and its Lease. */
    @Override
    public void close() {
        stopRenewing();
        client.leases().inNamespace(LEASE_NAMESPACE).withName(node).delete();
        client.nodes().withName(node).delete();
    }

    private static List<NodeCondition> conditions(String ready, Instant heartbeat) {
        String at = timestamp(heartbeat);
        return List.of(
                condition("Ready", ready, "KubeletReady", at),
                condition("MemoryPressure", "False", "KubeletHasSufficientMemory", at),
                condition("DiskPressure", "False", "KubeletHasNoDiskPressure", at),
                condition("PIDPressure", "False", "KubeletHasSufficientPID", at));
    }

    private static NodeCondition condition(String type, String status, String reason, String at) {
        return new NodeConditionBuilder().withType(type).withStatus(status).withReason(reason)
                .withMessage("posted by the test's kubelet").withLastHeartbeatTime(at).withLastTransitionTime(at).build();
    }

    private static ZonedDateTime time(Instant instant) {
        return ZonedDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
