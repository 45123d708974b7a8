package dev.skiff.controllers.replicaset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatusBuilder;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A ReplicaSet's status from the active pods it owns, as Kubernetes' {@code calculateStatus}: replicas,
 * fullyLabeledReplicas (pods carrying every label of the template), readyReplicas, availableReplicas
 * (ready for {@code minReadySeconds}), observedGeneration, and the {@code ReplicaFailure} condition
 * while creating or deleting pods fails. Also says when a ready pod will turn available, so the
 * controller can look again then.
 */
public final class ReplicaSetStatusCalculator {

    /** The condition type set while the controller cannot create or delete pods. */
    public static final String REPLICA_FAILURE = "ReplicaFailure";

    /** Why the last pass could not create or delete pods: {@code FailedCreate} or {@code FailedDelete}, and the error. */
    public record Failure(String reason, String message) {
    }

    /** The status, and how long until the next pod turns available (empty when none is waiting). */
    public record Result(ReplicaSetStatus status, Optional<Duration> nextAvailable) {
    }

    private ReplicaSetStatusCalculator() {
    }

    public static Result calculate(ReplicaSet rs, List<Pod> pods, Failure failure, Instant now) {
        int minReadySeconds = Objects.requireNonNullElse(rs.getSpec().getMinReadySeconds(), 0);
        Map<String, String> templateLabels = rs.getSpec().getTemplate() == null
                || rs.getSpec().getTemplate().getMetadata() == null
                || rs.getSpec().getTemplate().getMetadata().getLabels() == null
                ? Map.of() : rs.getSpec().getTemplate().getMetadata().getLabels();
        int fullyLabeled = 0;
        int ready = 0;
        int available = 0;
        Duration next = null;
        for (Pod pod : pods) {
            Map<String, String> labels = Objects.requireNonNullElse(pod.getMetadata().getLabels(), Map.of());
            if (labels.entrySet().containsAll(templateLabels.entrySet())) {
                fullyLabeled++;
            }
            if (PodAvailability.isReady(pod)) {
                ready++;
                Optional<Duration> wait = PodAvailability.untilAvailable(pod, minReadySeconds, now);
                if (wait.isPresent() && wait.get().isZero()) {
                    available++;
                } else if (wait.isPresent() && (next == null || wait.get().compareTo(next) < 0)) {
                    next = wait.get();
                }
            }
        }
        ReplicaSetStatus old = rs.getStatus();
        List<ReplicaSetCondition> conditions = new ArrayList<>(old == null || old.getConditions() == null
                ? List.of() : old.getConditions());
        Optional<ReplicaSetCondition> existing = conditions.stream().filter(c -> REPLICA_FAILURE.equals(c.getType())).findFirst();
        if (failure != null && existing.isEmpty()) {
            conditions.add(new ReplicaSetConditionBuilder().withType(REPLICA_FAILURE).withStatus("True")
                    .withReason(failure.reason()).withMessage(failure.message())
                    .withLastTransitionTime(DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS))).build());
        } else if (failure == null && existing.isPresent()) {
            conditions.remove(existing.get());
        }
        ReplicaSetStatus status = new ReplicaSetStatusBuilder()
                .withReplicas(pods.size())
                .withFullyLabeledReplicas(fullyLabeled)
                .withReadyReplicas(ready)
                .withAvailableReplicas(available)
                .withObservedGeneration(rs.getMetadata().getGeneration())
                .withConditions(conditions)
                .build();
        return new Result(status, Optional.ofNullable(next));
    }

    /** Whether two statuses say the same (absent counts read as 0). */
    public static boolean same(ReplicaSetStatus a, ReplicaSetStatus b) {
        if (a == null || b == null) {
            return a == b;
        }
        return count(a.getReplicas()) == count(b.getReplicas())
                && count(a.getFullyLabeledReplicas()) == count(b.getFullyLabeledReplicas())
                && count(a.getReadyReplicas()) == count(b.getReadyReplicas())
                && count(a.getAvailableReplicas()) == count(b.getAvailableReplicas())
                && Objects.equals(a.getObservedGeneration(), b.getObservedGeneration())
                && Objects.equals(nonNull(a.getConditions()), nonNull(b.getConditions()));
    }

    private static int count(Integer value) {
        return value == null ? 0 : value;
    }

    private static List<ReplicaSetCondition> nonNull(List<ReplicaSetCondition> conditions) {
        return conditions == null ? List.of() : conditions;
    }
}
