package dev.skiff.runtime.docker;

import dev.skiff.runtime.Container;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The last inspection of each container, reused while listings show the container in the same
 * state, as the Kubernetes kubelet's relist inspects only the containers whose state changed.
 * Only states whose inspection cannot change without a change of state are kept: a running
 * container's start time and image stay as they are until it ends, an exited one's exit code,
 * reason and times stay for good. A created container is never reused, since a start that fails
 * leaves it "created" with an error and an exit code. A container restarted behind Skiff's back
 * (running, exited and running again between two listings) would be shown with its first start;
 * Skiff itself never restarts a container in place. Bounded: the least recently used entry goes
 * first.
 */
final class InspectionCache {

    private static final Set<String> STABLE = Set.of("running", "exited", "dead");

    private record Entry(String status, Container container) {
    }

    private final Map<String, Entry> entries;

    InspectionCache(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The container as last inspected, when that inspection saw the state a listing shows now. */
    synchronized Optional<Container> get(String id, String listedStatus) {
        Entry entry = entries.get(id);
        return entry != null && entry.status().equals(listedStatus) ? Optional.of(entry.container()) : Optional.empty();
    }

    /** Keeps an inspection made in Docker's {@code status} (running, exited, …); others are forgotten. */
    synchronized void put(String id, String status, Container container) {
        if (status != null && STABLE.contains(status)) {
            entries.put(id, new Entry(status, container));
        } else {
            entries.remove(id);
        }
    }

    synchronized void remove(String id) {
        entries.remove(id);
    }
}
