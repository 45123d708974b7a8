package dev.skiff.controllers.nodelifecycle;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * When this controller last saw each node's kubelet give a sign of life, by its own clock, as
 * Kubernetes' node health map: a sign is a Lease renewTime or a Ready condition heartbeat it had
 * not seen before. A node seen for the first time counts as heard from then, so a controller that
 * starts (or takes over) after a long pause does not take every node for dead, and the clocks of
 * the kubelets never enter the comparison.
 */
final class NodeHeartbeats {

    private record Seen(String leaseRenewTime, String readyHeartbeat, Instant at) {
    }

    private final ConcurrentMap<String, Seen> nodes = new ConcurrentHashMap<>();

    /** Whether the node has been observed since it was last forgotten. */
    boolean known(String node) {
        return nodes.containsKey(node);
    }

    /**
     * Takes in the node's current heartbeats (null where it has none: a condition the controller set
     * to Unknown carries none of the kubelet's) and returns when it was last heard from.
     */
    Instant observe(String node, String leaseRenewTime, String readyHeartbeat, Instant now) {
        return nodes.compute(node, (name, seen) -> {
            if (seen == null) {
                return new Seen(leaseRenewTime, readyHeartbeat, now);
            }
            boolean renewed = leaseRenewTime != null && !Objects.equals(leaseRenewTime, seen.leaseRenewTime);
            boolean posted = readyHeartbeat != null && !Objects.equals(readyHeartbeat, seen.readyHeartbeat);
            if (!renewed && !posted) {
                return seen;
            }
            return new Seen(renewed ? leaseRenewTime : seen.leaseRenewTime, posted ? readyHeartbeat : seen.readyHeartbeat, now);
        }).at();
    }

    void forget(String node) {
        nodes.remove(node);
    }
}
