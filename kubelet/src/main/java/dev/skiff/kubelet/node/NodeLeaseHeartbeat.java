package dev.skiff.kubelet.node;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;

/**
 * The node's heartbeat, as Kubernetes does it: the Lease {@code kube-node-lease/<node>}, owned by
 * the Node, renewed every {@code node-lease-renew-interval}. The node lifecycle controller reads
 * its renewTime to tell a live node from a dead one.
 */
public final class NodeLeaseHeartbeat {

    private static final Logger LOG = Logger.getLogger(NodeLeaseHeartbeat.class);
    public static final String NAMESPACE = "kube-node-lease";

    private final KubernetesClient client;
    private final String nodeName;
    private final Duration leaseDuration;
    private final Clock clock;
    private Lease lease;

    public NodeLeaseHeartbeat(KubernetesClient client, String nodeName, Duration leaseDuration, Clock clock) {
        this.client = client;
        this.nodeName = nodeName;
        this.leaseDuration = leaseDuration;
        this.clock = clock;
    }

    /** Creates or renews the Lease; a conflict (someone else wrote it) is resolved by reading it again. */
    public synchronized void renew(Node owner) {
        ZonedDateTime now = ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        try {
            if (lease == null) {
                lease = client.leases().inNamespace(NAMESPACE).withName(nodeName).get();
            }
            if (lease == null) {
                lease = client.leases().inNamespace(NAMESPACE).resource(new LeaseBuilder()
                        .withNewMetadata()
                            .withName(nodeName)
                            .withNamespace(NAMESPACE)
                            .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("v1").withKind("Node")
                                    .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid()).build())
                        .endMetadata()
                        .withNewSpec()
                            .withHolderIdentity(nodeName)
                            .withLeaseDurationSeconds((int) leaseDuration.toSeconds())
                            .withRenewTime(now)
                        .endSpec()
                        .build()).create();
                LOG.infof("node lease %s/%s created", NAMESPACE, nodeName);
                return;
            }
            lease.getSpec().setHolderIdentity(nodeName);
            lease.getSpec().setLeaseDurationSeconds((int) leaseDuration.toSeconds());
            lease.getSpec().setRenewTime(now);
            lease = client.leases().inNamespace(NAMESPACE).resource(lease).update();
        } catch (KubernetesClientException e) {
            lease = null;
            throw e;
        }
    }
}
