package dev.skiff.bench;

import java.time.Instant;

/**
 * Wall-clock time in nanoseconds since the epoch that never goes backwards: the wall clock read
 * once, advanced by {@link System#nanoTime()}. The Docker engine stamps its events with the same
 * host clock, so the bench's own instants and the engine's can be subtracted.
 */
final class PodStartClock {

    private static final long BASE_NANO_TIME = System.nanoTime();
    private static final long BASE_EPOCH_NANOS = epochNanos(Instant.now());

    private PodStartClock() {
    }

    static long now() {
        return BASE_EPOCH_NANOS + (System.nanoTime() - BASE_NANO_TIME);
    }

    private static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
