package dev.skiff.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * What one timed series of operations gave.
 *
 * @param operation  e.g. {@code create}, {@code list limit=100}
 * @param target     what served it: a backend name, or {@code raw etcd}
 * @param count      operations run, failed ones included
 * @param errors     operations that failed
 * @param firstError what went wrong first, when anything did
 * @param elapsed    wall-clock time of the whole series
 */
record Measurement(String operation, String target, int count, int errors, Optional<String> firstError,
                   Duration elapsed, double p50Millis, double p99Millis) {

    double opsPerSecond() {
        return count / (elapsed.toNanos() / 1e9);
    }

    /** One line for the progress output, e.g. {@code etcd create: 5000 in 4.10 s, 1220 ops/s, p50 20.10 ms, p99 61.00 ms}. */
    String summary() {
        return String.format(Locale.ROOT, "%s %s: %d in %.2f s, %.0f ops/s, p50 %.2f ms, p99 %.2f ms%s",
                target, operation, count, elapsed.toNanos() / 1e9, opsPerSecond(), p50Millis, p99Millis,
                errors == 0 ? "" : ", " + errors + " FAILED");
    }
}
