package dev.skiff.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What one timed series of operations gave.
 *
 * @param operation  e.g. {@code create}, {@code list limit=100}
 * @param target     what served it: a backend name, or {@code raw etcd}
 * @param count      operations run, failed ones included
 * @param errors     operations that failed
 * @param firstError what went wrong first, when anything did
 * @param elapsed    wall-clock time of the whole series
 * @param cpu        CPU time each process (the benchmark itself as {@code bench}) used during the series
 * @param jit        the part of {@code cpu} that each Java process's JIT compiler threads used
 */
record Measurement(String operation, String target, int count, int errors, Optional<String> firstError,
                   Duration elapsed, double p50Millis, double p99Millis, Map<String, Duration> cpu,
                   Map<String, Duration> jit) {

    double opsPerSecond() {
        return count / (elapsed.toNanos() / 1e9);
    }

    /** CPU time the process used per operation of the series, in milliseconds; 0 when it was not measured. */
    double cpuPerOpMillis(String process) {
        return perOpMillis(cpu.getOrDefault(process, Duration.ZERO));
    }

    /** The part of {@link #cpuPerOpMillis} that went to the process's JIT compilers. */
    double jitPerOpMillis(String process) {
        return perOpMillis(jit.getOrDefault(process, Duration.ZERO));
    }

    private double perOpMillis(Duration used) {
        return used.toNanos() / 1e6 / Math.max(count, 1);
    }

    /**
     * One line for the progress output, e.g. {@code etcd create: 5000 in 4.10 s, 1220 ops/s, p50 20.10 ms,
     * p99 61.00 ms; CPU per op: api-server 0.61 ms (JIT 0.12), bench 0.20 ms, etcd 0.25 ms}. The CPU per
     * operation says where a series' time goes, and varies less than throughput on a machine shared with
     * other load; the JIT part says how far a JVM still was from its steady state.
     */
    String summary() {
        String perOp = cpu.entrySet().stream()
                .filter(e -> !e.getValue().isZero())
                .map(e -> String.format(Locale.ROOT, "%s %.3f ms%s", e.getKey(), cpuPerOpMillis(e.getKey()),
                        jit.containsKey(e.getKey()) ? String.format(Locale.ROOT, " (JIT %.3f)", jitPerOpMillis(e.getKey())) : ""))
                .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "%s %s: %d in %.2f s, %.0f ops/s, p50 %.2f ms, p99 %.2f ms%s%s",
                target, operation, count, elapsed.toNanos() / 1e9, opsPerSecond(), p50Millis, p99Millis,
                errors == 0 ? "" : ", " + errors + " FAILED", perOp.isEmpty() ? "" : "; CPU per op: " + perOp);
    }
}
