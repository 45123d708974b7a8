package dev.skiff.controllers.daemonset;

import dev.skiff.controllers.replicaset.PodAvailability;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatusBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A DaemonSet's status as Kubernetes' {@code updateDaemonSetStatus} counts it, node by node: of
 * the nodes that should run its pod (desired), those that have one (current), whose first pod is
 * ready, available (ready for minReadySeconds) and of the current template (updated); and the
 * nodes that have one but should not (misscheduled).
 */
final class DaemonSetStatusCalculator {

    /** The status, and when a ready pod becomes available if one will (to look again then). */
    record Result(DaemonSetStatus status, Optional<Duration> nextAvailable) {
    }

    /** A node's pod that counts: a scheduled one before one still waiting for the scheduler, then the oldest. */
    private static final Comparator<Pod> COUNTED_FIRST = Comparator
            .comparing((Pod pod) -> pod.getSpec() == null || pod.getSpec().getNodeName() == null || pod.getSpec().getNodeName().isEmpty())
            .thenComparing(DaemonSetSync.OLDEST_FIRST);

    private DaemonSetStatusCalculator() {
    }

    /** From whether each node should run the pod ({@link NodeFit#of}) and the pods by node ({@link DaemonSetSync}'s). */
    static Result calculate(DaemonSet ds, Map<String, NodeFit> fits, Map<String, List<Pod>> podsByNode, String hash, Instant now) {
        int minReadySeconds = Objects.requireNonNullElse(ds.getSpec().getMinReadySeconds(), 0);
        int desired = 0;
        int current = 0;
        int misscheduled = 0;
        int ready = 0;
        int available = 0;
        int updated = 0;
        Duration next = null;
        for (Map.Entry<String, NodeFit> node : fits.entrySet()) {
            List<Pod> pods = podsByNode.getOrDefault(node.getKey(), List.of());
            if (!node.getValue().shouldRun()) {
                misscheduled += pods.isEmpty() ? 0 : 1;
                continue;
            }
            desired++;
            if (pods.isEmpty()) {
                continue;
            }
            current++;
            Pod pod = pods.stream().min(COUNTED_FIRST).orElseThrow();
            if (PodAvailability.isReady(pod)) {
                ready++;
                if (PodAvailability.isAvailable(pod, minReadySeconds, now)) {
                    available++;
                } else {
                    Optional<Duration> wait = PodAvailability.untilAvailable(pod, minReadySeconds, now);
                    if (wait.isPresent() && (next == null || wait.get().compareTo(next) < 0)) {
                        next = wait.get();
                    }
                }
            }
            if (DaemonPods.isUpdated(pod, hash)) {
                updated++;
            }
        }
        DaemonSetStatus old = ds.getStatus();
        DaemonSetStatus status = new DaemonSetStatusBuilder()
                .withDesiredNumberScheduled(desired)
                .withCurrentNumberScheduled(current)
                .withNumberMisscheduled(misscheduled)
                .withNumberReady(ready)
                .withNumberAvailable(available)
                .withNumberUnavailable(desired - available)
                .withUpdatedNumberScheduled(updated)
                .withObservedGeneration(ds.getMetadata().getGeneration())
                .withCollisionCount(old == null ? null : old.getCollisionCount())
                .withConditions(old == null ? null : old.getConditions())
                .build();
        return new Result(status, Optional.ofNullable(next));
    }
}
