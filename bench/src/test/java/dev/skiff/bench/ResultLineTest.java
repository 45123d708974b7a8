package dev.skiff.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ResultLineTest {

    private static final BenchOptions OPTIONS = BenchOptions.parse("--pods", "1000", "--concurrency", "16");

    @Test
    void namesEveryFigureOfBothBackendsAndTheRatioOfTheEtcdBackend() {
        Measurement rawPut = measurement("put", "raw etcd", 1000, Duration.ofMillis(500), 3.0, 12.5);
        List<BackendResults> backends = List.of(backend(Backend.EMBEDDED, 2.0), backend(Backend.ETCD, 4.0));

        assertThat(ResultLine.format(OPTIONS, rawPut, backends, new Problems())).isEqualTo(
                "RESULT bench=api pods=1000 concurrency=16 etcd_put_per_s=2000"
                        + " embedded_create_per_s=500 embedded_create_p99_ms=20.00 embedded_create_api_server_cpu_ms=1.000"
                        + " embedded_create_api_server_jit_ms=0.250"
                        + " embedded_get_per_s=4000"
                        + " embedded_list_p99_ms=300.25"
                        + " etcd_create_per_s=250 etcd_create_p99_ms=20.00 etcd_create_api_server_cpu_ms=2.000"
                        + " etcd_create_api_server_jit_ms=0.500"
                        + " etcd_get_per_s=4000"
                        + " etcd_list_p99_ms=300.25"
                        + " create_to_etcd_put_ratio=0.13 errors=0");
    }

    @Test
    void withoutTheEtcdBackendThereIsNoRatio() {
        Measurement rawPut = measurement("put", "raw etcd", 1000, Duration.ofSeconds(1), 3.0, 12.5);
        Problems problems = new Problems();
        problems.report(3, "embedded create: 3 of 1000 failed");

        assertThat(ResultLine.format(OPTIONS, rawPut, List.of(backend(Backend.EMBEDDED, 1.0)), problems))
                .doesNotContain("ratio")
                .endsWith("embedded_list_p99_ms=300.25 errors=3");
    }

    /** A backend whose 1000 creates took CREATE_SECONDS. */
    private static BackendResults backend(Backend backend, double createSeconds) {
        String target = backend.configName();
        return new BackendResults(backend,
                measurement("create", target, 1000, Duration.ofMillis((long) (createSeconds * 1000)), 5.0, 20.0),
                measurement("get", target, 1000, Duration.ofMillis(250), 1.0, 4.0),
                measurement("list", target, 20, Duration.ofSeconds(2), 150.0, 300.25),
                measurement("list limit=100", target, 200, Duration.ofSeconds(1), 4.0, 9.0));
    }

    private static Measurement measurement(String operation, String target, int count, Duration elapsed,
                                           double p50, double p99) {
        return new Measurement(operation, target, count, 0, Optional.empty(), elapsed, p50, p99,
                Map.of("api-server", elapsed.dividedBy(2)), Map.of("api-server", elapsed.dividedBy(8)));
    }
}
