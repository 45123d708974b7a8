package dev.skiff.kubelet.pod;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kubernetes' restart and image-pull back-off: 10 s after the first failure, doubling to 5 min,
 * forgotten once the thing ran (or nothing failed) for 10 min. Keyed by pod UID and container or
 * image.
 */
public final class BackOff {

    public static final Duration INITIAL = Duration.ofSeconds(10);
    public static final Duration MAX = Duration.ofMinutes(5);
    public static final Duration RESET_AFTER = Duration.ofMinutes(10);

    private record Entry(Duration delay, Instant lastFailure) {
    }

    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public BackOff(Clock clock) {
        this.clock = clock;
    }

    /** How long is left of the back-off window that started when the thing last failed (a container's finish); zero when none. */
    public Duration remaining(String key, Instant failedAt) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return Duration.ZERO;
        }
        Instant from = failedAt != null ? failedAt : entry.lastFailure();
        Duration left = Duration.between(clock.instant(), from.plus(entry.delay()));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Records a failure (a restart about to happen, a failed pull): the next window doubles. */
    public void next(String key) {
        Instant now = clock.instant();
        entries.compute(key, (k, entry) -> {
            if (entry == null || Duration.between(entry.lastFailure(), now).compareTo(RESET_AFTER) > 0) {
                return new Entry(INITIAL, now);
            }
            Duration doubled = entry.delay().multipliedBy(2);
            return new Entry(doubled.compareTo(MAX) > 0 ? MAX : doubled, now);
        });
    }

    /** The window the key is in now (zero when none). */
    public Duration delay(String key) {
        Entry entry = entries.get(key);
        return entry == null ? Duration.ZERO : entry.delay();
    }

    /** Forgets the key: it ran long enough, or its pod is gone. */
    public void reset(String key) {
        entries.remove(key);
    }

    /** Forgets every key of a pod. */
    public void forgetPod(String podUid) {
        entries.keySet().removeIf(key -> key.startsWith(podUid + "/"));
    }
}
