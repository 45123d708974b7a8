package dev.skiff.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A node's conditions as the node lifecycle controller reads and writes them: the Ready condition,
 * and the conditions it sets to Unknown when the kubelet has gone silent.
 */
public final class NodeConditions {

    public static final String READY = "Ready";
    /** The conditions the kubelet posts and the controller turns Unknown, as Kubernetes' controller. */
    static final List<String> KUBELET_CONDITIONS = List.of(READY, "MemoryPressure", "DiskPressure", "PIDPressure");

    static final String STOPPED_REASON = "NodeStatusUnknown";
    static final String STOPPED_MESSAGE = "Kubelet stopped posting node status.";
    static final String NEVER_REASON = "NodeStatusNeverUpdated";
    static final String NEVER_MESSAGE = "Kubelet never posted node status.";

    private NodeConditions() {
    }

    /** The node's condition of this type, if it has one. */
    public static Optional<NodeCondition> find(Node node, String type) {
        if (node.getStatus() == null || node.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return node.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    /** The status ("True", "False", "Unknown") of the node's condition of this type; empty without one. */
    public static Optional<String> status(Node node, String type) {
        return find(node, type).map(NodeCondition::getStatus);
    }

    /** Whether the node's Ready condition is True. */
    public static boolean isReady(Node node) {
        return status(node, READY).filter("True"::equals).isPresent();
    }

    /**
     * The node's conditions once the kubelet is taken to be gone: Ready and the pressure conditions
     * Unknown ("Kubelet stopped posting node status."; those the kubelet never posted are added as
     * "Kubelet never posted node status."), keeping their heartbeat times, so that the kubelet's
     * next heartbeat is told apart from this write. Other conditions are kept as they are.
     */
    static List<NodeCondition> unknown(Node node, Instant now) {
        String timestamp = timestamp(now);
        List<NodeCondition> current = node.getStatus() == null || node.getStatus().getConditions() == null
                ? List.of() : node.getStatus().getConditions();
        List<NodeCondition> result = new ArrayList<>();
        for (NodeCondition condition : current) {
            if (KUBELET_CONDITIONS.contains(condition.getType()) && !"Unknown".equals(condition.getStatus())) {
                result.add(new NodeConditionBuilder(condition).withStatus("Unknown").withReason(STOPPED_REASON)
                        .withMessage(STOPPED_MESSAGE).withLastTransitionTime(timestamp).build());
            } else {
                result.add(condition);
            }
        }
        for (String type : KUBELET_CONDITIONS) {
            if (current.stream().noneMatch(c -> type.equals(c.getType()))) {
                result.add(new NodeConditionBuilder().withType(type).withStatus("Unknown").withReason(NEVER_REASON)
                        .withMessage(NEVER_MESSAGE).withLastHeartbeatTime(node.getMetadata().getCreationTimestamp())
                        .withLastTransitionTime(timestamp).build());
            }
        }
        return result;
    }

    /** A time as the API writes it: RFC 3339 in UTC, to the second. */
    static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
