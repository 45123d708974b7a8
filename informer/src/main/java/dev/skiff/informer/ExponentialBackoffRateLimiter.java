package dev.skiff.informer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-key exponential back-off, like client-go's {@code ItemExponentialFailureRateLimiter}: the
 * n-th retry of a key waits {@code baseDelay * 2^(n-1)}, at most {@code maxDelay}, until the key is
 * forgotten. Thread-safe.
 */
public final class ExponentialBackoffRateLimiter<K> {

    /** client-go's default first delay. */
    public static final Duration DEFAULT_BASE_DELAY = Duration.ofMillis(5);
    /** client-go's default longest delay. */
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(1000);

    private final long baseNanos;
    private final long maxNanos;
    private final Map<K, Integer> failures = new ConcurrentHashMap<>();

    public ExponentialBackoffRateLimiter(Duration baseDelay, Duration maxDelay) {
        if (baseDelay.isNegative() || baseDelay.isZero() || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("need 0 < baseDelay <= maxDelay, got " + baseDelay + " and " + maxDelay);
        }
        this.baseNanos = baseDelay.toNanos();
        this.maxNanos = maxDelay.toNanos();
    }

    /** How long the key waits before its next retry; counts the retry. */
    public Duration when(K key) {
        int exponent = failures.merge(key, 1, Integer::sum) - 1;
        double nanos = baseNanos * Math.pow(2, exponent);
        return Duration.ofNanos(nanos >= maxNanos ? maxNanos : (long) nanos);
    }

    /** Retries counted for the key since it was last forgotten. */
    public int numRequeues(K key) {
        return failures.getOrDefault(key, 0);
    }

    /** Starts the key's back-off afresh, e.g. once it was processed successfully. */
    public void forget(K key) {
        failures.remove(key);
    }
}
