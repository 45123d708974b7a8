package dev.skiff.controllers.job;

import dev.skiff.controllers.replicaset.PodAvailability;
import io.fabric8.kubernetes.api.model.Pod;

import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How an Indexed job's running pods stand against its indexes: at most one pod runs per index still
 * to complete; a pod of an index out of range, without one, of a closed (completed or failed)
 * index, or a second pod of an index is surplus and is removed (the ready one of an index, else the
 * oldest, stays). New pods take the lowest indexes that are neither closed nor taken, once their
 * back-off is over.
 */
final class IndexedPods {

    /**
     * @param kept    the one running pod of each index still to complete
     * @param surplus the running pods to remove
     */
    record Split(List<Pod> kept, List<Pod> surplus) {
    }

    private IndexedPods() {
    }

    static Split split(List<Pod> active, CompletionIndexes closed, int completions) {
        Map<Integer, Pod> kept = new LinkedHashMap<>();
        List<Pod> surplus = new ArrayList<>();
        Comparator<Pod> keepFirst = Comparator.comparing(PodAvailability::isReady).reversed()
                .thenComparing(pod -> pod.getMetadata().getCreationTimestamp(), Comparator.nullsLast(Comparator.naturalOrder()));
        for (Pod pod : active.stream().sorted(keepFirst).toList()) {
            int index = CompletionIndex.of(pod);
            if (index == CompletionIndex.UNKNOWN || index >= completions || closed.contains(index) || kept.containsKey(index)) {
                surplus.add(pod);
            } else {
                kept.put(index, pod);
            }
        }
        return new Split(List.copyOf(kept.values()), surplus);
    }

    /**
     * @param indexes   the indexes to create pods of now
     * @param nextRetry when the first index left waiting for its back-off may run, or null
     */
    record Pending(List<Integer> indexes, Instant nextRetry) {
    }

    /**
     * The COUNT lowest indexes below COMPLETIONS that are neither closed (completed or failed) nor
     * held by one of TAKEN, and whose back-off (RETRY_AT, by index) is over at NOW.
     */
    static Pending pending(int count, CompletionIndexes closed, Collection<Pod> taken, int completions,
                           Map<Integer, Instant> retryAt, Instant now) {
        BitSet busy = new BitSet();
        taken.stream().mapToInt(CompletionIndex::of).filter(index -> index >= 0).forEach(busy::set);
        List<Integer> pending = new ArrayList<>();
        Instant nextRetry = null;
        for (int index = 0; index < completions && pending.size() < count; index++) {
            if (closed.contains(index) || busy.get(index)) {
                continue;
            }
            Instant at = retryAt.get(index);
            if (at != null && now.isBefore(at)) {
                nextRetry = nextRetry == null || at.isBefore(nextRetry) ? at : nextRetry;
            } else {
                pending.add(index);
            }
        }
        return new Pending(pending, nextRetry);
    }
}
