package dev.skiff.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.skiff.controllers.deployment.ReplicaSetLists.availableReplicas;
import static dev.skiff.controllers.deployment.ReplicaSetLists.specReplicas;
import static dev.skiff.controllers.deployment.ReplicaSetLists.sum;

/**
 * The steps of a rolling update, as Kubernetes' {@code rolloutRolling} takes them, computed from the
 * ReplicaSets' spec and status alone: how far the new ReplicaSet may grow (never past replicas +
 * maxSurge pods in all), and how far the old ones may shrink (first the pods that are not available,
 * then available ones, never below replicas - maxUnavailable available pods; oldest first).
 */
public final class RollingUpdatePlanner {

    /** One ReplicaSet to resize. */
    public record Scale(ReplicaSet replicaSet, int replicas) {
    }

    private RollingUpdatePlanner() {
    }

    /** The size of the new ReplicaSet for this step, as Kubernetes' {@code NewRSNewReplicas}. */
    public static int newReplicaSetReplicas(Deployment deployment, List<ReplicaSet> all, ReplicaSet newRS) {
        int replicas = Revisions.replicas(deployment);
        if (!RollingUpdateLimits.isRollingUpdate(deployment)) {
            return replicas;
        }
        int current = specReplicas(newRS);
        int maxTotal = replicas + RollingUpdateLimits.maxSurge(deployment);
        int pods = sum(all, ReplicaSetLists::specReplicas);
        if (pods >= maxTotal) {
            return current;
        }
        int scaleUp = Math.min(maxTotal - pods, replicas - current);
        return current + scaleUp;
    }

    /**
     * How the old (active) ReplicaSets shrink in this step, as Kubernetes'
     * {@code reconcileOldReplicaSets}: empty when nothing may go yet.
     */
    public static List<Scale> scaleDownOld(Deployment deployment, List<ReplicaSet> all, List<ReplicaSet> oldActive,
                                           ReplicaSet newRS) {
        if (sum(oldActive, ReplicaSetLists::specReplicas) == 0) {
            return List.of();
        }
        int minAvailable = Revisions.replicas(deployment) - RollingUpdateLimits.maxUnavailable(deployment);
        int newUnavailable = specReplicas(newRS) - availableReplicas(newRS);
        int maxScaledDown = sum(all, ReplicaSetLists::specReplicas) - minAvailable - newUnavailable;
        if (maxScaledDown <= 0) {
            return List.of();
        }
        List<ReplicaSet> oldest = oldActive.stream().sorted(ReplicaSetLists.BY_CREATION).toList();
        Map<ReplicaSet, Integer> sizes = new LinkedHashMap<>();
        oldest.forEach(rs -> sizes.put(rs, specReplicas(rs)));

        // pods that are not available go first: they cost no availability
        int cleaned = 0;
        for (ReplicaSet rs : oldest) {
            if (cleaned >= maxScaledDown) {
                break;
            }
            int size = sizes.get(rs);
            int unavailable = size - availableReplicas(rs);
            if (size == 0 || unavailable <= 0) {
                continue;
            }
            int down = Math.min(maxScaledDown - cleaned, unavailable);
            sizes.put(rs, size - down);
            cleaned += down;
        }

        // then available ones, down to the minimum availability
        int available = sum(all, ReplicaSetLists::availableReplicas);
        int allowed = available - minAvailable;
        int scaledDown = 0;
        for (ReplicaSet rs : oldest) {
            if (scaledDown >= allowed) {
                break;
            }
            int size = sizes.get(rs);
            if (size == 0) {
                continue;
            }
            int down = Math.min(size, allowed - scaledDown);
            sizes.put(rs, size - down);
            scaledDown += down;
        }

        List<Scale> scales = new ArrayList<>();
        sizes.forEach((rs, size) -> {
            if (size != specReplicas(rs)) {
                scales.add(new Scale(rs, size));
            }
        });
        return scales;
    }
}
