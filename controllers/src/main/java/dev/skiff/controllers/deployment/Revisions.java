package dev.skiff.controllers.deployment;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rollout bookkeeping a Deployment keeps in annotations, as Kubernetes does: the revision of each
 * ReplicaSet and of the Deployment ({@code deployment.kubernetes.io/revision}; a new template gets the
 * highest revision plus one, a rollback to an old template bumps that ReplicaSet's revision and
 * remembers the old one in {@code revision-history}), the replicas the Deployment wanted and allowed
 * at most when it last sized a ReplicaSet ({@code desired-replicas}, {@code max-replicas}), and the
 * Deployment's own annotations copied to its new ReplicaSet (so {@code kubectl rollout history}
 * shows their change-cause).
 */
public final class Revisions {

    public static final String REVISION = "deployment.kubernetes.io/revision";
    public static final String REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
    public static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
    public static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";

    private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    private static final String ROLLBACK_TO = "deprecated.deployment.rollback.to";
    private static final Set<String> NOT_COPIED = Set.of(LAST_APPLIED, REVISION, REVISION_HISTORY, DESIRED_REPLICAS,
            MAX_REPLICAS, ROLLBACK_TO);
    /** Longest revision-history annotation kept, as Kubernetes' default. */
    private static final int MAX_HISTORY_CHARS = 2000;

    private Revisions() {
    }

    /** The object's revision; 0 when it has none or an unreadable one. */
    public static long revision(HasMetadata object) {
        String value = annotation(object, REVISION);
        if (value == null) {
            return 0;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The highest revision among the ReplicaSets (0 for none). */
    public static long maxRevision(List<ReplicaSet> replicaSets) {
        return replicaSets.stream().mapToLong(Revisions::revision).max().orElse(0);
    }

    /**
     * Brings the annotations of the Deployment's new ReplicaSet (a copy, changed in place) up to date:
     * copies the Deployment's own annotations, raises its revision to {@code newRevision} (keeping a
     * previous one in the history), and for a ReplicaSet about to be created sets the replica
     * annotations. Returns whether anything changed.
     */
    public static boolean updateNewReplicaSetAnnotations(Deployment deployment, ReplicaSet rs, long newRevision,
                                                         boolean exists, int maxSurge) {
        Map<String, String> annotations = mutableAnnotations(rs);
        boolean changed = false;
        Map<String, String> own = deployment.getMetadata().getAnnotations();
        if (own != null) {
            for (Map.Entry<String, String> entry : own.entrySet()) {
                if (!NOT_COPIED.contains(entry.getKey()) && !entry.getValue().equals(annotations.get(entry.getKey()))) {
                    annotations.put(entry.getKey(), entry.getValue());
                    changed = true;
                }
            }
        }
        String oldRevision = annotations.get(REVISION);
        long oldRevisionNumber = revision(rs);
        if (oldRevisionNumber < newRevision) {
            annotations.put(REVISION, Long.toString(newRevision));
            changed = true;
            if (oldRevision != null && !oldRevision.isEmpty()) {
                annotations.put(REVISION_HISTORY, history(annotations.get(REVISION_HISTORY), oldRevision));
            }
        }
        if (!exists) {
            int desired = replicas(deployment);
            changed |= setReplicasAnnotations(rs, desired, desired + maxSurge);
        }
        return changed;
    }

    /** Sets {@code desired-replicas} and {@code max-replicas}; whether either changed. */
    public static boolean setReplicasAnnotations(ReplicaSet rs, int desired, int max) {
        Map<String, String> annotations = mutableAnnotations(rs);
        boolean changed = !Integer.toString(desired).equals(annotations.put(DESIRED_REPLICAS, Integer.toString(desired)));
        changed |= !Integer.toString(max).equals(annotations.put(MAX_REPLICAS, Integer.toString(max)));
        return changed;
    }

    /** Whether {@link #setReplicasAnnotations} would change anything. */
    public static boolean replicasAnnotationsNeedUpdate(ReplicaSet rs, int desired, int max) {
        return !Integer.toString(desired).equals(annotation(rs, DESIRED_REPLICAS))
                || !Integer.toString(max).equals(annotation(rs, MAX_REPLICAS));
    }

    /** The {@code desired-replicas} annotation; -1 when absent or unreadable. */
    public static int desiredReplicas(ReplicaSet rs) {
        return intAnnotation(rs, DESIRED_REPLICAS);
    }

    /** The {@code max-replicas} annotation; -1 when absent or unreadable. */
    public static int maxReplicas(ReplicaSet rs) {
        return intAnnotation(rs, MAX_REPLICAS);
    }

    public static String annotation(HasMetadata object, String key) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }

    static int replicas(Deployment deployment) {
        Integer replicas = deployment.getSpec().getReplicas();
        return replicas == null ? 1 : replicas;
    }

    private static int intAnnotation(ReplicaSet rs, String key) {
        String value = annotation(rs, key);
        if (value == null) {
            return -1;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The history with {@code revision} appended, oldest entries dropped past the length limit. */
    private static String history(String current, String revision) {
        List<String> entries = new ArrayList<>(current == null || current.isEmpty() ? List.of() : Arrays.asList(current.split(",")));
        entries.add(revision);
        String joined = String.join(",", entries);
        while (joined.length() > MAX_HISTORY_CHARS && entries.size() > 1) {
            entries.remove(0);
            joined = String.join(",", entries);
        }
        return joined;
    }

    private static Map<String, String> mutableAnnotations(HasMetadata object) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        if (annotations == null) {
            annotations = new HashMap<>();
        } else {
            annotations = new HashMap<>(annotations);
        }
        object.getMetadata().setAnnotations(annotations);
        return annotations;
    }
}
