package dev.skiff.controllers.nodelifecycle;

import dev.skiff.api.scheduling.Tolerations;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * When a pod has to leave a node because of the node's NoExecute taints, as Kubernetes' taint
 * eviction decides it: at once if one of them is not tolerated; otherwise when the first tolerated
 * taint's time runs out, counted from when the taint was added, by the tolerationSeconds of the
 * first toleration that tolerates it (none: forever; zero or less: at once).
 */
final class EvictionTime {

    private EvictionTime() {
    }

    /**
     * The time the pod is to be deleted, {@code now} for an untolerated taint; empty if it may stay.
     *
     * @param taints      the node's taints (those without the NoExecute effect are ignored)
     * @param tolerations the pod's tolerations
     * @param addedAt     when each NoExecute taint was added
     */
    static Optional<Instant> of(List<Taint> taints, List<Toleration> tolerations, Function<Taint, Instant> addedAt,
                                Instant now) {
        Instant earliest = null;
        for (Taint taint : taints) {
            if (!Taints.NO_EXECUTE.equals(taint.getEffect())) {
                continue;
            }
            Optional<Toleration> toleration = tolerations.stream().filter(t -> Tolerations.tolerates(t, taint)).findFirst();
            if (toleration.isEmpty()) {
                return Optional.of(now);
            }
            Long seconds = toleration.get().getTolerationSeconds();
            if (seconds == null) {
                continue;
            }
            Instant due = addedAt.apply(taint).plusSeconds(Math.max(0, seconds));
            if (earliest == null || due.isBefore(earliest)) {
                earliest = due;
            }
        }
        return Optional.ofNullable(earliest);
    }
}
