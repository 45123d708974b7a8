package dev.skiff.controllers.deployment;

import dev.skiff.controllers.replicaset.PodAvailability;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a rollout stands, as Kubernetes' deployment utilities judge it: complete (every replica
 * updated and available, the latest spec observed), progressing (more updated, ready or available
 * pods than before, or fewer old ones), or timed out (no progress for
 * {@code progressDeadlineSeconds} since the Progressing condition was last updated).
 */
public final class DeploymentProgress {

    private DeploymentProgress() {
    }

    /** Whether the Deployment has a progress deadline (unset or the largest int means none). */
    public static boolean hasDeadline(Deployment deployment) {
        Integer seconds = deployment.getSpec().getProgressDeadlineSeconds();
        return seconds != null && seconds != Integer.MAX_VALUE;
    }

    public static boolean complete(Deployment deployment, DeploymentStatus status) {
        int replicas = Revisions.replicas(deployment);
        long generation = deployment.getMetadata().getGeneration() == null ? 0 : deployment.getMetadata().getGeneration();
        return count(status.getUpdatedReplicas()) == replicas
                && count(status.getReplicas()) == replicas
                && count(status.getAvailableReplicas()) == replicas
                && status.getObservedGeneration() != null && status.getObservedGeneration() >= generation;
    }

    /** Whether {@code status} shows progress over the Deployment's current status. */
    public static boolean progressing(Deployment deployment, DeploymentStatus status) {
        DeploymentStatus old = deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
        int oldOld = count(old.getReplicas()) - count(old.getUpdatedReplicas());
        int newOld = count(status.getReplicas()) - count(status.getUpdatedReplicas());
        return count(status.getUpdatedReplicas()) > count(old.getUpdatedReplicas())
                || newOld < oldOld
                || count(status.getReadyReplicas()) > count(old.getReadyReplicas())
                || count(status.getAvailableReplicas()) > count(old.getAvailableReplicas());
    }

    public static boolean timedOut(Deployment deployment, DeploymentStatus status, Instant now) {
        return untilDeadline(deployment, status, now).map(Duration::isZero).orElse(
                DeploymentConditions.get(status, DeploymentConditions.PROGRESSING)
                        .map(c -> DeploymentConditions.TIMED_OUT.equals(c.getReason())).orElse(false));
    }

    /**
     * How long until the rollout times out: zero once past the deadline; empty when it cannot (no
     * deadline, no Progressing condition, complete, or timed out already).
     */
    public static Optional<Duration> untilDeadline(Deployment deployment, DeploymentStatus status, Instant now) {
        if (!hasDeadline(deployment)) {
            return Optional.empty();
        }
        Optional<DeploymentCondition> condition = DeploymentConditions.get(status, DeploymentConditions.PROGRESSING);
        if (condition.isEmpty() || DeploymentConditions.NEW_RS_AVAILABLE.equals(condition.get().getReason())
                || DeploymentConditions.TIMED_OUT.equals(condition.get().getReason())) {
            return Optional.empty();
        }
        Optional<Instant> since = PodAvailability.timestamp(condition.get().getLastUpdateTime());
        if (since.isEmpty()) {
            return Optional.empty();
        }
        Instant deadline = since.get().plusSeconds(deployment.getSpec().getProgressDeadlineSeconds());
        return Optional.of(deadline.isBefore(now) ? Duration.ZERO : Duration.between(now, deadline).plusMillis(1));
    }

    static int count(Integer value) {
        return value == null ? 0 : value;
    }
}
