package dev.skiff.bench;

import java.util.Arrays;

/**
 * The latencies of a fixed number of operations, one slot per operation index, and their
 * percentiles. Each slot is written by one thread; read the percentiles only after those threads
 * have been joined.
 */
final class LatencyRecorder {

    private final long[] nanos;

    LatencyRecorder(int operations) {
        this.nanos = new long[operations];
    }

    void record(int operation, long latencyNanos) {
        nanos[operation] = latencyNanos;
    }

    /** The nearest-rank percentile (0 &lt; percentile &le; 100), in milliseconds. */
    double percentileMillis(double percentile) {
        if (!(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("a percentile is above 0 and at most 100, got " + percentile);
        }
        if (nanos.length == 0) {
            return 0;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100 * sorted.length);
        return sorted[Math.max(rank, 1) - 1] / 1e6;
    }
}
