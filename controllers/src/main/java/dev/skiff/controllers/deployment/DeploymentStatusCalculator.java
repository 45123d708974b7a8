package dev.skiff.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static dev.skiff.controllers.deployment.DeploymentProgress.count;

/**
 * A Deployment's status from its ReplicaSets, as Kubernetes' {@code calculateStatus}: replicas
 * (pods its ReplicaSets have), updatedReplicas (those of the new one), readyReplicas,
 * availableReplicas, unavailableReplicas (wanted but not available), observedGeneration, the
 * collision count kept as it is, and the Available condition (at least replicas - maxUnavailable
 * available). The other conditions are carried over for the caller to adjust.
 */
public final class DeploymentStatusCalculator {

    private DeploymentStatusCalculator() {
    }

    public static DeploymentStatus calculate(Deployment deployment, List<ReplicaSet> all, ReplicaSet newRS, Instant now) {
        DeploymentStatus old = deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
        int available = ReplicaSetLists.sum(all, ReplicaSetLists::availableReplicas);
        int wanted = ReplicaSetLists.sum(all, ReplicaSetLists::specReplicas);
        List<DeploymentCondition> conditions = new ArrayList<>();
        if (old.getConditions() != null) {
            old.getConditions().forEach(c -> conditions.add(new DeploymentConditionBuilder(c).build()));
        }
        DeploymentStatus status = new DeploymentStatusBuilder()
                .withObservedGeneration(deployment.getMetadata().getGeneration())
                .withReplicas(ReplicaSetLists.sum(all, ReplicaSetLists::statusReplicas))
                .withUpdatedReplicas(ReplicaSetLists.statusReplicas(newRS))
                .withReadyReplicas(ReplicaSetLists.sum(all, ReplicaSetLists::readyReplicas))
                .withAvailableReplicas(available)
                .withUnavailableReplicas(Math.max(0, wanted - available))
                .withCollisionCount(old.getCollisionCount())
                .withConditions(conditions)
                .build();
        if (available >= Revisions.replicas(deployment) - RollingUpdateLimits.maxUnavailable(deployment)) {
            DeploymentConditions.set(status, DeploymentConditions.create(DeploymentConditions.AVAILABLE, "True",
                    DeploymentConditions.MINIMUM_AVAILABLE, "Deployment has minimum availability.", now));
        } else {
            DeploymentConditions.set(status, DeploymentConditions.create(DeploymentConditions.AVAILABLE, "False",
                    DeploymentConditions.MINIMUM_UNAVAILABLE, "Deployment does not have minimum availability.", now));
        }
        return status;
    }

    /** Whether two statuses say the same (absent counts read as 0). */
    public static boolean same(DeploymentStatus a, DeploymentStatus b) {
        if (a == null || b == null) {
            return a == b;
        }
        return Objects.equals(a.getObservedGeneration(), b.getObservedGeneration())
                && count(a.getReplicas()) == count(b.getReplicas())
                && count(a.getUpdatedReplicas()) == count(b.getUpdatedReplicas())
                && count(a.getReadyReplicas()) == count(b.getReadyReplicas())
                && count(a.getAvailableReplicas()) == count(b.getAvailableReplicas())
                && count(a.getUnavailableReplicas()) == count(b.getUnavailableReplicas())
                && Objects.equals(a.getCollisionCount(), b.getCollisionCount())
                && Objects.equals(orEmpty(a.getConditions()), orEmpty(b.getConditions()));
    }

    private static List<DeploymentCondition> orEmpty(List<DeploymentCondition> conditions) {
        return conditions == null ? List.of() : conditions;
    }
}
