package dev.skiff.bench;

import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The last line of the output, for machines: {@code RESULT bench=api key=value ...}, rates in
 * operations per second, latencies in milliseconds, each backend's keys prefixed by its name. The
 * {@code list} figures are those of the full lists; {@code errors} counts failed operations and checks.
 */
final class ResultLine {

    private ResultLine() {
    }

    static String format(BenchOptions options, Measurement rawPut, List<BackendResults> backends, Problems problems) {
        StringJoiner line = new StringJoiner(" ", "RESULT bench=api ", "");
        line.add("pods=" + options.pods());
        line.add("concurrency=" + options.concurrency());
        line.add("etcd_put_per_s=" + rate(rawPut));
        for (BackendResults results : backends) {
            String prefix = results.backend().configName() + "_";
            line.add(prefix + "create_per_s=" + rate(results.create()));
            line.add(prefix + "create_p99_ms=" + millis(results.create().p99Millis()));
            line.add(prefix + "create_api_server_cpu_ms=" + String.format(Locale.ROOT, "%.3f", results.create().cpuPerOpMillis("api-server")));
            line.add(prefix + "create_api_server_jit_ms=" + String.format(Locale.ROOT, "%.3f", results.create().jitPerOpMillis("api-server")));
            line.add(prefix + "get_per_s=" + rate(results.get()));
            line.add(prefix + "list_p99_ms=" + millis(results.list().p99Millis()));
        }
        backends.stream()
                .filter(results -> results.backend() == Backend.ETCD)
                .findFirst()
                .ifPresent(etcd -> line.add("create_to_etcd_put_ratio="
                        + String.format(Locale.ROOT, "%.2f", etcd.createToPutRatio(rawPut))));
        line.add("errors=" + problems.failures());
        return line.toString();
    }

    private static String rate(Measurement measurement) {
        return String.format(Locale.ROOT, "%.0f", measurement.opsPerSecond());
    }

    private static String millis(double millis) {
        return String.format(Locale.ROOT, "%.2f", millis);
    }
}
