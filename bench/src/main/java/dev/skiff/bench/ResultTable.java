package dev.skiff.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Prints the figures for people: one row per timed series, the create-to-put ratios, and the problems. */
final class ResultTable {

    /** The goal: pod creates at least half as fast as raw etcd puts. */
    private static final double CREATE_TO_PUT_GOAL = 0.5;

    private static final String ROW = "%-16s %-9s %7s %7s %9s %10s %10s%n";

    private ResultTable() {
    }

    static void print(PrintStream out, Measurement rawPut, List<BackendResults> backends, Problems problems) {
        out.println();
        out.printf(Locale.ROOT, ROW, "operation", "store", "ops", "errors", "ops/s", "p50 ms", "p99 ms");
        row(out, rawPut);
        for (BackendResults results : backends) {
            results.measurements().forEach(measurement -> row(out, measurement));
        }
        out.println();
        out.printf(Locale.ROOT, "create rate / raw etcd put rate (goal: at least %.2f on the etcd backend):%n",
                CREATE_TO_PUT_GOAL);
        for (BackendResults results : backends) {
            double ratio = results.createToPutRatio(rawPut);
            String verdict = results.backend() != Backend.ETCD ? ""
                    : ratio >= CREATE_TO_PUT_GOAL ? "  goal met" : "  below the goal";
            out.printf(Locale.ROOT, "  %-9s %.2f%s%n", results.backend().configName(), ratio, verdict);
        }
        if (!problems.isEmpty()) {
            out.println();
            out.println("!!! THIS RUN HAD ERRORS (" + problems.failures() + "): its figures cannot be trusted");
            problems.messages().forEach(message -> out.println("!!!   " + message));
        }
        out.println();
    }

    private static void row(PrintStream out, Measurement m) {
        out.printf(Locale.ROOT, ROW, m.operation(), m.target(), m.count(), m.errors(),
                String.format(Locale.ROOT, "%.1f", m.opsPerSecond()),
                String.format(Locale.ROOT, "%.2f", m.p50Millis()),
                String.format(Locale.ROOT, "%.2f", m.p99Millis()));
    }
}
