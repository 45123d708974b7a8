package dev.skiff.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skiff.runtime.ContainerStats;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The engine's stats answers, as Docker 20.10 gives them on cgroup v1 and v2, and for a container that is not running. */
class StatsMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void cgroupV1CountsTheHierarchysInactiveFilePagesOut() throws Exception {
        JsonNode answer = json("""
                {"read":"2026-11-27T20:40:20.018769041Z","preread":"0001-01-01T00:00:00Z",
                 "cpu_stats":{"cpu_usage":{"total_usage":1110231101,"percpu_usage":[23630940,1086600161]},"online_cpus":2},
                 "precpu_stats":{"cpu_usage":{"total_usage":0}},
                 "memory_stats":{"usage":2392064,"stats":{"inactive_file":1000000,"total_inactive_file":1613824,"rss":57344}}}
                """);

        assertThat(StatsMapper.stats(answer)).contains(
                new ContainerStats(1110231101L, 2392064L - 1613824L, Instant.parse("2026-11-27T20:40:20.018769041Z")));
    }

    @Test
    void cgroupV2CountsInactiveFilePagesOut() throws Exception {
        JsonNode answer = json("""
                {"read":"2026-11-27T20:40:21.5Z",
                 "cpu_stats":{"cpu_usage":{"total_usage":5000000,"usage_in_kernelmode":1000000,"usage_in_usermode":4000000}},
                 "memory_stats":{"usage":8392704,"stats":{"anon":3000000,"file":5000000,"inactive_file":4096000,"active_file":900000}}}
                """);

        assertThat(StatsMapper.stats(answer)).contains(
                new ContainerStats(5000000L, 8392704L - 4096000L, Instant.parse("2026-11-27T20:40:21.5Z")));
    }

    @Test
    void theWorkingSetIsNeverNegativeNorMissing() throws Exception {
        assertThat(StatsMapper.workingSet(json("{\"usage\":100,\"stats\":{\"total_inactive_file\":300}}"))).isZero();
        assertThat(StatsMapper.workingSet(json("{\"usage\":100}"))).isEqualTo(100);
        assertThat(StatsMapper.workingSet(json("{}"))).isZero();
    }

    @Test
    void aContainerThatIsNotRunningHasNoStats() throws Exception {
        JsonNode stopped = json("""
                {"read":"0001-01-01T00:00:00Z","preread":"0001-01-01T00:00:00Z",
                 "cpu_stats":{"cpu_usage":{"total_usage":0,"usage_in_kernelmode":0,"usage_in_usermode":0}},
                 "memory_stats":{},"name":"/k8s_main_web_default_1_0","id":"8222"}
                """);
        JsonNode withoutCpu = json("{\"read\":\"2026-11-27T20:40:21Z\",\"memory_stats\":{\"usage\":1}}");

        assertThat(StatsMapper.stats(stopped)).isEmpty();
        assertThat(StatsMapper.stats(withoutCpu)).isEmpty();
    }
}
