package dev.skiff.controllers.deployment;

import dev.skiff.controllers.replicaset.PodAvailability;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * Counting, filtering, ordering and finding among a Deployment's ReplicaSets, as Kubernetes'
 * deployment utilities. Lists may hold null (a Deployment without a new ReplicaSet yet): it counts
 * as nothing.
 */
public final class ReplicaSetLists {

    /** Oldest first; by name when created at the same second. */
    public static final Comparator<ReplicaSet> BY_CREATION = Comparator
            .comparing(ReplicaSetLists::created)
            .thenComparing(rs -> rs.getMetadata().getName());

    /** Largest first; the newer of two of one size first (where scaling up goes). */
    public static final Comparator<ReplicaSet> BY_SIZE_NEWER_FIRST = Comparator
            .comparingInt(ReplicaSetLists::specReplicas).reversed()
            .thenComparing(BY_CREATION.reversed());

    /** Largest first; the older of two of one size first (where scaling down goes). */
    public static final Comparator<ReplicaSet> BY_SIZE_OLDER_FIRST = Comparator
            .comparingInt(ReplicaSetLists::specReplicas).reversed()
            .thenComparing(BY_CREATION);

    /** Lowest revision first; by creation among equal revisions. */
    public static final Comparator<ReplicaSet> BY_REVISION = Comparator
            .<ReplicaSet>comparingLong(Revisions::revision)
            .thenComparing(BY_CREATION);

    private ReplicaSetLists() {
    }

    public static int specReplicas(ReplicaSet rs) {
        return rs == null || rs.getSpec() == null || rs.getSpec().getReplicas() == null ? 0 : rs.getSpec().getReplicas();
    }

    public static int statusReplicas(ReplicaSet rs) {
        return rs == null || rs.getStatus() == null || rs.getStatus().getReplicas() == null ? 0 : rs.getStatus().getReplicas();
    }

    public static int readyReplicas(ReplicaSet rs) {
        return rs == null || rs.getStatus() == null || rs.getStatus().getReadyReplicas() == null ? 0 : rs.getStatus().getReadyReplicas();
    }

    public static int availableReplicas(ReplicaSet rs) {
        return rs == null || rs.getStatus() == null || rs.getStatus().getAvailableReplicas() == null
                ? 0 : rs.getStatus().getAvailableReplicas();
    }

    public static int sum(List<ReplicaSet> replicaSets, ToIntFunction<ReplicaSet> count) {
        return replicaSets.stream().filter(Objects::nonNull).mapToInt(count).sum();
    }

    /** Those that want pods (spec.replicas above 0). */
    public static List<ReplicaSet> active(List<ReplicaSet> replicaSets) {
        return replicaSets.stream().filter(rs -> specReplicas(rs) > 0).toList();
    }

    /** The list with {@code rs} added at the end when it is not null. */
    public static List<ReplicaSet> with(List<ReplicaSet> replicaSets, ReplicaSet rs) {
        List<ReplicaSet> all = new ArrayList<>(replicaSets);
        if (rs != null) {
            all.add(rs);
        }
        return all;
    }

    /** The oldest ReplicaSet whose template is the Deployment's (ignoring the hash label), or null. */
    public static ReplicaSet findNew(Deployment deployment, List<ReplicaSet> replicaSets) {
        return replicaSets.stream().sorted(BY_CREATION)
                .filter(rs -> rs.getSpec() != null
                        && PodTemplateHash.equalIgnoringHash(rs.getSpec().getTemplate(), deployment.getSpec().getTemplate()))
                .findFirst().orElse(null);
    }

    /**
     * The one ReplicaSet to resize when the Deployment is scaled outside a rollout, as Kubernetes'
     * {@code FindActiveOrLatest}: the only active one, or, when none is active, the new one or else
     * the newest old one; null when several are active.
     */
    public static ReplicaSet findActiveOrLatest(ReplicaSet newRS, List<ReplicaSet> oldRSs) {
        if (newRS == null && oldRSs.isEmpty()) {
            return null;
        }
        List<ReplicaSet> active = active(with(oldRSs, newRS));
        if (active.size() == 1) {
            return active.get(0);
        }
        if (active.isEmpty()) {
            return newRS != null ? newRS : oldRSs.stream().max(BY_CREATION).orElse(null);
        }
        return null;
    }

    private static Instant created(ReplicaSet rs) {
        return PodAvailability.timestamp(rs.getMetadata().getCreationTimestamp()).orElse(Instant.EPOCH);
    }
}
