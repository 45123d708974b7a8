package dev.skiff.controllers.replicaset;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a controller is waiting to see in its cache after its own writes, per controller key, as
 * Kubernetes' {@code UIDTrackingControllerExpectations}: a count of pod creates not yet seen, and
 * the keys of the pods it deleted that are still in the cache. While either is outstanding the
 * controller does not create or delete again (it would act on a cache that does not show its own
 * writes yet); expectations older than the timeout are given up, in case an event was missed.
 * Thread-safe.
 */
public final class ControllerExpectations {

    private final Duration timeout;
    private final Clock clock;
    private final Map<String, Expectation> byKey = new HashMap<>();

    public ControllerExpectations(Duration timeout, Clock clock) {
        this.timeout = timeout;
        this.clock = clock;
    }

    /** Whether the controller of {@code key} may act: nothing outstanding, or waited out. */
    public synchronized boolean satisfied(String key) {
        Expectation expectation = byKey.get(key);
        if (expectation == null) {
            return true;
        }
        return expectation.fulfilled() || !clock.instant().isBefore(expectation.since.plus(timeout));
    }

    /** Expects {@code count} pods to be added; replaces what was expected before. */
    public void expectCreations(String key, int count) {
        expect(key, count, Set.of());
    }

    /** Expects the pods with these keys to go; replaces what was expected before. */
    public void expectDeletions(String key, Collection<String> podKeys) {
        expect(key, 0, podKeys);
    }

    /** Expects {@code creations} pods to be added and the pods with these keys to go; replaces what was expected before. */
    public synchronized void expect(String key, int creations, Collection<String> podKeys) {
        byKey.put(key, new Expectation(creations, podKeys, clock.instant()));
    }

    /** A pod the controller created was seen, or a create failed and will not be seen. */
    public synchronized void creationObserved(String key) {
        Expectation expectation = byKey.get(key);
        if (expectation != null && expectation.creations > 0) {
            expectation.creations--;
        }
    }

    /** A pod was seen to go (or to be going), or its delete failed. */
    public synchronized void deletionObserved(String key, String podKey) {
        Expectation expectation = byKey.get(key);
        if (expectation != null) {
            expectation.deletions.remove(podKey);
        }
    }

    /** Forgets the controller of {@code key} (it is gone). */
    public synchronized void delete(String key) {
        byKey.remove(key);
    }

    private static final class Expectation {
        private int creations;
        private final Set<String> deletions;
        private final Instant since;

        private Expectation(int creations, Collection<String> deletions, Instant since) {
            this.creations = creations;
            this.deletions = new HashSet<>(deletions);
            this.since = since;
        }

        private boolean fulfilled() {
            return creations <= 0 && deletions.isEmpty();
        }
    }
}
