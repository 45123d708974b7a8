package dev.skiff.controllers.replicaset;

import io.fabric8.kubernetes.api.model.Pod;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The order in which a ReplicaSet scales down, least valuable pod first, as Kubernetes'
 * {@code ActivePodsWithRanks}: not scheduled before scheduled; Pending before Unknown before
 * Running; not ready before ready; on a node crowded with related pods before on a quieter one;
 * lower {@code controller.kubernetes.io/pod-deletion-cost} first; ready for a shorter time first;
 * more restarts first; newer first. Pods equal on all of these go by name, so the order is stable.
 */
public final class PodDeletionOrder implements Comparator<Pod> {

    /** The annotation by which users rank a controller's pods for deletion (an integer, default 0). */
    public static final String DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";

    private static final Map<String, Integer> PHASE_ORDER = Map.of("Pending", 0, "Unknown", 1, "Running", 2);

    private final Map<String, Integer> podsPerNode;

    private PodDeletionOrder(Map<String, Integer> podsPerNode) {
        this.podsPerNode = podsPerNode;
    }

    /** The order, ranking each scheduled pod by how many of {@code relatedPods} share its node. */
    public static PodDeletionOrder rankedBy(List<Pod> relatedPods) {
        Map<String, Integer> perNode = new HashMap<>();
        for (Pod pod : relatedPods) {
            String node = nodeName(pod);
            if (!node.isEmpty() && PodAvailability.isActive(pod)) {
                perNode.merge(node, 1, Integer::sum);
            }
        }
        return new PodDeletionOrder(perNode);
    }

    /** The pods to delete to shed {@code count} of them. */
    public List<Pod> firstToDelete(List<Pod> pods, int count) {
        return pods.stream().sorted(this).limit(Math.max(0, count)).toList();
    }

    @Override
    public int compare(Pod a, Pod b) {
        String nodeA = nodeName(a);
        String nodeB = nodeName(b);
        if (!nodeA.equals(nodeB) && (nodeA.isEmpty() || nodeB.isEmpty())) {
            return nodeA.isEmpty() ? -1 : 1;
        }
        int byPhase = Integer.compare(phaseOrder(a), phaseOrder(b));
        if (byPhase != 0) {
            return byPhase;
        }
        boolean readyA = PodAvailability.isReady(a);
        boolean readyB = PodAvailability.isReady(b);
        if (readyA != readyB) {
            return readyA ? 1 : -1;
        }
        int byRank = Integer.compare(rank(b), rank(a));
        if (byRank != 0) {
            return byRank;
        }
        int byCost = Long.compare(deletionCost(a), deletionCost(b));
        if (byCost != 0) {
            return byCost;
        }
        if (readyA) {
            int byReadyTime = laterOrUnknownFirst(PodAvailability.readySince(a), PodAvailability.readySince(b));
            if (byReadyTime != 0) {
                return byReadyTime;
            }
        }
        int byRestarts = Integer.compare(PodAvailability.maxRestarts(b), PodAvailability.maxRestarts(a));
        if (byRestarts != 0) {
            return byRestarts;
        }
        int byAge = laterOrUnknownFirst(PodAvailability.timestamp(a.getMetadata().getCreationTimestamp()),
                PodAvailability.timestamp(b.getMetadata().getCreationTimestamp()));
        if (byAge != 0) {
            return byAge;
        }
        return String.valueOf(a.getMetadata().getName()).compareTo(String.valueOf(b.getMetadata().getName()));
    }

    private int rank(Pod pod) {
        return podsPerNode.getOrDefault(nodeName(pod), 0);
    }

    /** An unknown time counts as the latest, as Kubernetes' {@code afterOrZero}. */
    private static int laterOrUnknownFirst(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() == b.isEmpty() ? 0 : a.isEmpty() ? -1 : 1;
        }
        return b.get().compareTo(a.get());
    }

    private static int phaseOrder(Pod pod) {
        return PHASE_ORDER.getOrDefault(PodAvailability.phase(pod), 0);
    }

    static long deletionCost(Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(DELETION_COST);
        if (value == null) {
            return 0;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String nodeName(Pod pod) {
        return pod.getSpec() == null || pod.getSpec().getNodeName() == null ? "" : pod.getSpec().getNodeName();
    }
}
