package dev.skiff.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The taints the node lifecycle controller keeps on a node to match its conditions, as Kubernetes'
 * controller does: a Ready condition that is False gives {@code not-ready}, one that is Unknown
 * {@code unreachable}, each with NoExecute (evicting pods) and NoSchedule (keeping new ones away);
 * pressure conditions and a cordoned node give NoSchedule taints. Other taints are the user's.
 */
final class NodeTaints {

    /** Condition type, then the condition status that asks for a taint, then the taint's key. */
    private static final Map<String, Map<String, String>> CONDITION_TAINTS = Map.of(
            NodeConditions.READY, Map.of("False", Taints.NOT_READY, "Unknown", Taints.UNREACHABLE),
            "MemoryPressure", Map.of("True", Taints.MEMORY_PRESSURE),
            "DiskPressure", Map.of("True", Taints.DISK_PRESSURE),
            "PIDPressure", Map.of("True", Taints.PID_PRESSURE),
            "NetworkUnavailable", Map.of("True", Taints.NETWORK_UNAVAILABLE));

    /** The taint keys this controller owns: it adds and removes them, and leaves every other taint alone. */
    static final List<String> MANAGED_KEYS = List.of(Taints.NOT_READY, Taints.UNREACHABLE, Taints.MEMORY_PRESSURE,
            Taints.DISK_PRESSURE, Taints.PID_PRESSURE, Taints.NETWORK_UNAVAILABLE, Taints.UNSCHEDULABLE);

    private NodeTaints() {
    }

    /** The managed taints the node's conditions and spec call for (without timeAdded). */
    static List<Taint> wanted(Node node) {
        List<Taint> wanted = new ArrayList<>();
        NodeConditions.status(node, NodeConditions.READY).map(CONDITION_TAINTS.get(NodeConditions.READY)::get)
                .ifPresent(key -> wanted.add(taint(key, Taints.NO_EXECUTE)));
        for (String type : List.of(NodeConditions.READY, "MemoryPressure", "DiskPressure", "PIDPressure", "NetworkUnavailable")) {
            NodeConditions.status(node, type).map(CONDITION_TAINTS.get(type)::get)
                    .ifPresent(key -> wanted.add(taint(key, Taints.NO_SCHEDULE)));
        }
        if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
            wanted.add(taint(Taints.UNSCHEDULABLE, Taints.NO_SCHEDULE));
        }
        return wanted;
    }

    /**
     * The node's taints brought in line with {@link #wanted}: other taints kept in their order, managed
     * taints no longer wanted removed, those still wanted kept as they are (their timeAdded too), the
     * missing ones added, NoExecute ones with timeAdded {@code now}. Empty when nothing changes.
     */
    static Optional<List<Taint>> reconcile(Node node, Instant now) {
        List<Taint> current = node.getSpec() == null || node.getSpec().getTaints() == null
                ? List.of() : node.getSpec().getTaints();
        List<Taint> wanted = wanted(node);
        List<Taint> result = new ArrayList<>();
        boolean changed = false;
        for (Taint taint : current) {
            boolean managed = MANAGED_KEYS.contains(taint.getKey());
            if (!managed || wanted.stream().anyMatch(w -> Taints.sameTaint(w, taint))) {
                result.add(taint);
            } else {
                changed = true;
            }
        }
        for (Taint taint : wanted) {
            if (result.stream().noneMatch(t -> Taints.sameTaint(t, taint))) {
                result.add(Taints.NO_EXECUTE.equals(taint.getEffect())
                        ? new TaintBuilder(taint).withTimeAdded(NodeConditions.timestamp(now)).build() : taint);
                changed = true;
            }
        }
        return changed ? Optional.of(result) : Optional.empty();
    }

    private static Taint taint(String key, String effect) {
        return new TaintBuilder().withKey(key).withEffect(effect).build();
    }
}
