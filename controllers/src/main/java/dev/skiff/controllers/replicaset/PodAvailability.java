package dev.skiff.controllers.replicaset;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * A pod's standing as the ReplicaSet controller sees it, as Kubernetes' pod utilities: active
 * (counts towards the replicas), ready (its Ready condition is True) and available (ready for at
 * least {@code minReadySeconds}).
 */
public final class PodAvailability {

    private PodAvailability() {
    }

    /** Neither finished (Succeeded, Failed) nor being deleted. */
    public static boolean isActive(Pod pod) {
        String phase = phase(pod);
        return !"Succeeded".equals(phase) && !"Failed".equals(phase) && pod.getMetadata().getDeletionTimestamp() == null;
    }

    public static boolean isReady(Pod pod) {
        return readyCondition(pod).map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    /** When the Ready condition last changed, if the pod has one with a readable time. */
    public static Optional<Instant> readySince(Pod pod) {
        return readyCondition(pod).flatMap(c -> timestamp(c.getLastTransitionTime()));
    }

    /** Ready, and for more than {@code minReadySeconds} by {@code now} (always, when that is 0). */
    public static boolean isAvailable(Pod pod, int minReadySeconds, Instant now) {
        return untilAvailable(pod, minReadySeconds, now).map(Duration::isZero).orElse(false);
    }

    /**
     * How long until a ready pod is available: zero if it is, empty if it is not ready (or its
     * ready time is unknown while {@code minReadySeconds} is set).
     */
    public static Optional<Duration> untilAvailable(Pod pod, int minReadySeconds, Instant now) {
        if (!isReady(pod)) {
            return Optional.empty();
        }
        if (minReadySeconds <= 0) {
            return Optional.of(Duration.ZERO);
        }
        return readySince(pod).map(since -> {
            Instant availableAt = since.plusSeconds(minReadySeconds);
            return availableAt.isBefore(now) ? Duration.ZERO : Duration.between(now, availableAt).plusMillis(1);
        });
    }

    /** The highest restart count among the pod's containers. */
    public static int maxRestarts(Pod pod) {
        List<ContainerStatus> statuses = pod.getStatus() == null ? null : pod.getStatus().getContainerStatuses();
        if (statuses == null) {
            return 0;
        }
        return statuses.stream().mapToInt(s -> s.getRestartCount() == null ? 0 : s.getRestartCount()).max().orElse(0);
    }

    public static String phase(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getPhase() == null ? "" : pod.getStatus().getPhase();
    }

    /** An RFC 3339 time as the API writes it; empty when absent or unreadable. */
    public static Optional<Instant> timestamp(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<PodCondition> readyCondition(Pod pod) {
        List<PodCondition> conditions = pod.getStatus() == null ? null : pod.getStatus().getConditions();
        if (conditions == null) {
            return Optional.empty();
        }
        return conditions.stream().filter(c -> "Ready".equals(c.getType())).findFirst();
    }
}
