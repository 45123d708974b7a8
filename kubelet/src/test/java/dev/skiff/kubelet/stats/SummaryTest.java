package dev.skiff.kubelet.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.api.json.Json;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00.250Z");
    private static final Summary.PodReference WEB = new Summary.PodReference("web-1", "default", "uid-web");
    private static final Summary.PodReference DB = new Summary.PodReference("db-0", "data", "uid-db");

    private static UsageWindow window(long cpu1, long cpu2, long workingSet) {
        return UsageWindow.of(new UsageSample(cpu1, workingSet / 2, T0))
                .next(new UsageSample(cpu2, workingSet, T0.plusSeconds(1)));
    }

    private static JsonNode json(Summary summary) throws Exception {
        return Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(summary));
    }

    @Test
    void podsSumTheirContainersAndComeInOrderWithTheKubeletsShape() throws Exception {
        Summary summary = Summary.of("node-1", window(10_000_000_000L, 10_500_000_000L, 4096), List.of(
                new ContainerUsage(WEB, "web", window(100, 1_000_100, 300)),
                new ContainerUsage(DB, "db", window(0, 2_000, 10)),
                new ContainerUsage(WEB, "sidecar", window(50, 3_000_050, 200))));

        JsonNode json = json(summary);
        assertThat(json.path("node").path("nodeName").asText()).isEqualTo("node-1");
        assertThat(json.path("node").path("cpu").path("time").asText()).isEqualTo("2026-01-01T10:00:01Z");
        assertThat(json.path("node").path("cpu").path("usageNanoCores").asLong()).isEqualTo(500_000_000L);
        assertThat(json.path("node").path("cpu").path("usageCoreNanoSeconds").asLong()).isEqualTo(10_500_000_000L);
        assertThat(json.path("node").path("memory").path("workingSetBytes").asLong()).isEqualTo(4096);

        assertThat(json.path("pods")).extracting(pod -> pod.path("podRef").path("name").asText()).containsExactly("db-0", "web-1");
        JsonNode web = json.path("pods").get(1);
        assertThat(web.path("podRef").path("namespace").asText()).isEqualTo("default");
        assertThat(web.path("podRef").path("uid").asText()).isEqualTo("uid-web");
        assertThat(web.path("cpu").path("usageNanoCores").asLong()).isEqualTo(4_000_000L);
        assertThat(web.path("cpu").path("usageCoreNanoSeconds").asLong()).isEqualTo(4_000_150L);
        assertThat(web.path("memory").path("workingSetBytes").asLong()).isEqualTo(500);
        assertThat(web.path("memory").path("time").asText()).isEqualTo("2026-01-01T10:00:01Z");
        assertThat(web.path("containers")).extracting(container -> container.path("name").asText()).containsExactly("sidecar", "web");
        JsonNode container = web.path("containers").get(1);
        assertThat(container.path("cpu").path("usageNanoCores").asLong()).isEqualTo(1_000_000L);
        assertThat(container.path("cpu").path("usageCoreNanoSeconds").asLong()).isEqualTo(1_000_100L);
        assertThat(container.path("memory").path("workingSetBytes").asLong()).isEqualTo(300);
    }

    @Test
    void aRateIsLeftOutUntilThereAreTwoSamplesAndAPodsUntilAllItsContainersHaveOne() throws Exception {
        UsageWindow single = UsageWindow.of(new UsageSample(700, 64, T0));
        Summary summary = Summary.of("node-1", single, List.of(
                new ContainerUsage(WEB, "web", window(100, 200, 300)),
                new ContainerUsage(WEB, "new", single)));

        JsonNode json = json(summary);
        assertThat(json.path("node").path("cpu").has("usageNanoCores")).isFalse();
        assertThat(json.path("node").path("cpu").path("usageCoreNanoSeconds").asLong()).isEqualTo(700);
        JsonNode pod = json.path("pods").get(0);
        assertThat(pod.path("cpu").has("usageNanoCores")).isFalse();
        assertThat(pod.path("cpu").path("usageCoreNanoSeconds").asLong()).isEqualTo(900);
        assertThat(pod.path("containers").get(0).path("cpu").has("usageNanoCores")).isFalse();
        assertThat(pod.path("containers").get(1).path("cpu").path("usageNanoCores").asLong()).isEqualTo(100);
    }

    @Test
    void beforeAnySampleOnlyTheNodesNameIsThere() throws Exception {
        assertThat(json(Summary.of("node-1", null, List.of())).toString()).isEqualTo("{\"node\":{\"nodeName\":\"node-1\"},\"pods\":[]}");
    }
}
