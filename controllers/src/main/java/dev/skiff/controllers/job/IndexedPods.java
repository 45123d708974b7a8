package dev.skiff.controllers.job;

import dev.skiff.controllers.replicaset.PodAvailability;
import io.fabric8.kubernetes.api.model.Pod;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How an Indexed job's running pods stand against its indexes: at most one pod runs per index still
 * to complete; a pod of an index out of range, without one, of a completed index, or a second pod of
 * an index is surplus and is removed (the ready one of an index, else the oldest, stays). New pods
 * take the lowest indexes that are neither completed nor taken.
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

    static Split split(List<Pod> active, CompletionIndexes completed, int completions) {
        Map<Integer, Pod> kept = new LinkedHashMap<>();
        List<Pod> surplus = new ArrayList<>();
        Comparator<Pod> keepFirst = Comparator.comparing(PodAvailability::isReady).reversed()
                .thenComparing(pod -> pod.getMetadata().getCreationTimestamp(), Comparator.nullsLast(Comparator.naturalOrder()));
        for (Pod pod : active.stream().sorted(keepFirst).toList()) {
            int index = CompletionIndex.of(pod);
            if (index == CompletionIndex.UNKNOWN || index >= completions || completed.contains(index) || kept.containsKey(index)) {
                surplus.add(pod);
            } else {
                kept.put(index, pod);
            }
        }
        return new Split(List.copyOf(kept.values()), surplus);
    }

    /** The COUNT lowest indexes below COMPLETIONS that are neither completed nor held by one of TAKEN. */
    static List<Integer> pending(int count, CompletionIndexes completed, Collection<Pod> taken, int completions) {
        BitSet busy = new BitSet();
        taken.stream().mapToInt(CompletionIndex::of).filter(index -> index >= 0).forEach(busy::set);
        List<Integer> pending = new ArrayList<>();
        for (int index = 0; index < completions && pending.size() < count; index++) {
            if (!completed.contains(index) && !busy.get(index)) {
                pending.add(index);
            }
        }
        return pending;
    }
}
