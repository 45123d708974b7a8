package dev.skiff.controllers.deployment;

import dev.skiff.controllers.deployment.RollingUpdatePlanner.Scale;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;

import java.util.ArrayList;
import java.util.List;

import static dev.skiff.controllers.deployment.ReplicaSetLists.availableReplicas;
import static dev.skiff.controllers.deployment.ReplicaSetLists.specReplicas;

/**
 * How a Deployment's ReplicaSets are resized when its replicas change outside a rollout (or while it
 * is paused), as Kubernetes' {@code scale}: a lone active ReplicaSet takes the new size; a saturated
 * new ReplicaSet means the old ones go to 0; during a rolling update the change is shared among
 * the active ReplicaSets in proportion to their sizes (proportional scaling), the remainder going
 * to the largest.
 */
public final class ScalingPlanner {

    private ScalingPlanner() {
    }

    /** The resizes to make; in the proportional case every active ReplicaSet is listed, resized or not. */
    public static List<Scale> plan(Deployment deployment, ReplicaSet newRS, List<ReplicaSet> oldRSs) {
        int replicas = Revisions.replicas(deployment);
        ReplicaSet lone = ReplicaSetLists.findActiveOrLatest(newRS, oldRSs);
        if (lone != null) {
            return specReplicas(lone) == replicas ? List.of() : List.of(new Scale(lone, replicas));
        }
        if (isSaturated(deployment, newRS)) {
            return ReplicaSetLists.active(oldRSs).stream().map(rs -> new Scale(rs, 0)).toList();
        }
        if (!RollingUpdateLimits.isRollingUpdate(deployment)) {
            return List.of();
        }
        List<ReplicaSet> active = ReplicaSetLists.active(ReplicaSetLists.with(oldRSs, newRS));
        int allowedSize = replicas > 0 ? replicas + RollingUpdateLimits.maxSurge(deployment) : 0;
        int toAdd = allowedSize - ReplicaSetLists.sum(active, ReplicaSetLists::specReplicas);
        List<ReplicaSet> ordered = active.stream()
                .sorted(toAdd > 0 ? ReplicaSetLists.BY_SIZE_NEWER_FIRST : ReplicaSetLists.BY_SIZE_OLDER_FIRST).toList();
        int[] sizes = new int[ordered.size()];
        int added = 0;
        for (int i = 0; i < ordered.size(); i++) {
            ReplicaSet rs = ordered.get(i);
            int proportion = toAdd == 0 ? 0 : proportion(rs, deployment, toAdd, added);
            sizes[i] = specReplicas(rs) + proportion;
            added += proportion;
        }
        if (toAdd != 0 && added != toAdd && !ordered.isEmpty()) {
            sizes[0] = Math.max(0, sizes[0] + toAdd - added);
        }
        List<Scale> scales = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            scales.add(new Scale(ordered.get(i), sizes[i]));
        }
        return scales;
    }

    /** Whether the new ReplicaSet runs all the Deployment's replicas, all available. */
    public static boolean isSaturated(Deployment deployment, ReplicaSet rs) {
        if (rs == null) {
            return false;
        }
        int replicas = Revisions.replicas(deployment);
        return Revisions.desiredReplicas(rs) == replicas && specReplicas(rs) == replicas && availableReplicas(rs) == replicas;
    }

    /** The share of {@code toAdd} (negative: to remove) for one ReplicaSet, as Kubernetes' {@code GetProportion}. */
    static int proportion(ReplicaSet rs, Deployment deployment, int toAdd, int added) {
        if (rs == null || specReplicas(rs) == 0 || toAdd == 0 || toAdd == added) {
            return 0;
        }
        int fraction = fraction(rs, deployment);
        int allowed = toAdd - added;
        return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
    }

    /** How much the ReplicaSet grows or shrinks if it keeps its share of the Deployment's new size. */
    private static int fraction(ReplicaSet rs, Deployment deployment) {
        int replicas = Revisions.replicas(deployment);
        if (replicas == 0) {
            return -specReplicas(rs);
        }
        int deploymentReplicas = replicas + RollingUpdateLimits.maxSurge(deployment);
        int annotated = Revisions.maxReplicas(rs);
        if (annotated < 0) {
            annotated = deployment.getStatus() == null || deployment.getStatus().getReplicas() == null
                    ? 0 : deployment.getStatus().getReplicas();
        }
        if (annotated == 0) {
            return 0;
        }
        double newSize = (double) specReplicas(rs) * deploymentReplicas / annotated;
        return (int) Math.round(newSize) - specReplicas(rs);
    }
}
