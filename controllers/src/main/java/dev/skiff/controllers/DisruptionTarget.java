package dev.skiff.controllers;

import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The pod condition {@code DisruptionTarget} that Kubernetes' controllers set on a pod they are
 * about to delete for a cause outside the pod (its node's taints, its node gone), so that the pod's
 * owner can tell a disruption from a failure: a job's {@code podFailurePolicy} may ignore it.
 */
public final class DisruptionTarget {

    public static final String TYPE = "DisruptionTarget";

    private DisruptionTarget() {
    }

    /** The condition, true, with REASON (e.g. {@code DeletionByTaintManager}) and MESSAGE, changed NOW. */
    public static PodCondition condition(String reason, String message, Instant now) {
        return new PodConditionBuilder().withType(TYPE).withStatus("True").withReason(reason).withMessage(message)
                .withLastTransitionTime(now.truncatedTo(ChronoUnit.SECONDS).toString()).build();
    }
}
