package dev.skiff.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;

import java.time.Instant;
import java.util.Optional;

/**
 * A pod on a node that is not ready is not ready either, as Kubernetes' {@code MarkPodsNotReady}:
 * its Ready condition turns False, so that Services stop sending it traffic. Pods without a Ready
 * condition (not started yet) are left as they are.
 */
final class PodReadiness {

    private PodReadiness() {
    }

    /** A copy of the pod with Ready=False; empty if it has no Ready condition or it is False already. */
    static Optional<Pod> markedNotReady(Pod pod, Instant now) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        boolean ready = pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && !"False".equals(c.getStatus()));
        if (!ready) {
            return Optional.empty();
        }
        Pod copy = new PodBuilder(pod).build();
        for (PodCondition condition : copy.getStatus().getConditions()) {
            if ("Ready".equals(condition.getType())) {
                condition.setStatus("False");
                condition.setLastTransitionTime(NodeConditions.timestamp(now));
            }
        }
        return Optional.of(copy);
    }
}
