package dev.skiff.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Latencies or durations of one kind, gathered over the rounds (one series per round, and one pooling all of them). */
final class LatencySeries {

    private final List<Long> nanos = new ArrayList<>();

    synchronized void add(long latencyNanos) {
        nanos.add(Math.max(0, latencyNanos));
    }

    synchronized void addAll(LatencySeries other) {
        nanos.addAll(other.snapshot());
    }

    synchronized int count() {
        return nanos.size();
    }

    /** The nearest-rank percentile in milliseconds; 0 when empty. */
    double percentileMillis(double percentile) {
        List<Long> values = snapshot();
        LatencyRecorder recorder = new LatencyRecorder(values.size());
        for (int i = 0; i < values.size(); i++) {
            recorder.record(i, values.get(i));
        }
        return recorder.percentileMillis(percentile);
    }

    /** The nearest-rank percentile in seconds; 0 when empty. */
    double percentileSeconds(double percentile) {
        return percentileMillis(percentile) / 1000;
    }

    /** {@code p50 / p99 / max} in milliseconds, one decimal. */
    String summary() {
        return String.format(Locale.ROOT, "%8.1f %8.1f %8.1f", percentileMillis(50), percentileMillis(99), percentileMillis(100));
    }

    private synchronized List<Long> snapshot() {
        return List.copyOf(nanos);
    }
}
