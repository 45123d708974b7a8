package dev.skiff.controllers.podgc;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The nodes that pods are bound to but that do not exist, each with the time it was first found
 * missing: only after the quarantine are its pods orphans, so that a pod bound to a node whose
 * Node object has not reached this controller yet is not taken for one. Used by one thread.
 */
final class OrphanQuarantine {

    private final Duration quarantine;
    private final Map<String, Instant> missingSince = new HashMap<>();

    OrphanQuarantine(Duration quarantine) {
        this.quarantine = quarantine;
    }

    /**
     * Takes in the nodes missing now (nodes missing before and not now are forgotten) and returns
     * those missing for at least the quarantine.
     */
    List<String> missingLongEnough(Set<String> missing, Instant now) {
        missingSince.keySet().retainAll(missing);
        missing.forEach(node -> missingSince.putIfAbsent(node, now));
        return missingSince.entrySet().stream()
                .filter(e -> !now.isBefore(e.getValue().plus(quarantine)))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    /** Starts the node's quarantine again (it turned out to exist after all). */
    void restart(String node, Instant now) {
        missingSince.put(node, now);
    }
}
