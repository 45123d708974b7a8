package dev.skiff.kubelet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.api.json.Json;
import io.fabric8.kubernetes.api.model.Pod;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static dev.skiff.kubelet.TestPods.create;
import static dev.skiff.kubelet.TestPods.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code /stats/summary} of a real kubelet sampling every 200 ms: the node's and a busy pod's CPU and memory. */
@Timeout(120)
class StatsSummaryTest {

    private static final String NODE = "stats-summary";
    private static final String NS = "stats-summary";
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** A sane rate is at most every CPU busy; the margin covers the jitter of 200 ms windows. */
    private static final double MOST_NANO_CORES = Runtime.getRuntime().availableProcessors() * 1.5e9;
    private static TestKubelet kubelet;

    @BeforeAll
    static void start() throws Exception {
        TestCluster.start();
        TestPods.createNamespace(NS);
        kubelet = TestKubelet.start(NODE, Map.of("skiff.kubelet.stats-interval", "200ms"));
    }

    @AfterAll
    static void stop() {
        kubelet.close();
        TestKubelet.removeContainersOf(NODE);
    }

    private static HttpResponse<String> get() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(kubelet.url() + "/stats/summary")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode summary() throws Exception {
        HttpResponse<String> response = get();
        assertThat(response.statusCode()).isEqualTo(200);
        return Json.MAPPER.readTree(response.body());
    }

    private static Optional<JsonNode> podIn(JsonNode summary, String name) {
        return StreamSupport.stream(summary.path("pods").spliterator(), false)
                .filter(pod -> pod.path("podRef").path("namespace").asText().equals(NS) && pod.path("podRef").path("name").asText().equals(name))
                .findFirst();
    }

    /** Both figures there and above zero: CPU rate and memory working set. */
    private static boolean used(JsonNode stats) {
        return stats.path("cpu").path("usageNanoCores").asLong() > 0 && stats.path("memory").path("workingSetBytes").asLong() > 0;
    }

    @Test
    void servesTheUsageOfTheNodeAndOfABusyPodUntilThePodIsGone() throws Exception {
        Pod burner = create(pod(NS, "burner", NODE, "while :; do :; done").build());

        await("the busy pod's and the node's usage").atMost(DEADLINE).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode summary = summary();
            return used(summary.path("node")) && podIn(summary, "burner").map(pod -> used(pod.path("containers").path(0))).orElse(false);
        });

        HttpResponse<String> response = get();
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode summary = Json.MAPPER.readTree(response.body());
        JsonNode node = summary.path("node");
        assertThat(node.path("nodeName").asText()).isEqualTo(NODE);
        assertThat(node.path("cpu").path("usageNanoCores").asDouble()).isPositive().isLessThan(MOST_NANO_CORES);
        assertThat(node.path("cpu").path("usageCoreNanoSeconds").asLong()).isPositive();
        assertThat(node.path("cpu").path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(node.path("memory").path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

        JsonNode pod = podIn(summary, "burner").orElseThrow();
        assertThat(pod.path("podRef").path("uid").asText()).isEqualTo(burner.getMetadata().getUid());
        JsonNode container = pod.path("containers").path(0);
        assertThat(pod.path("containers")).hasSize(1);
        assertThat(container.path("name").asText()).isEqualTo("main");
        assertThat(container.path("cpu").path("usageNanoCores").asDouble()).isPositive().isLessThan(MOST_NANO_CORES);
        assertThat(container.path("cpu").path("usageCoreNanoSeconds").asLong()).isPositive();
        // one container: the pod's figures are its
        assertThat(pod.path("cpu")).isEqualTo(container.path("cpu"));
        assertThat(pod.path("memory")).isEqualTo(container.path("memory"));

        TestCluster.client().pods().inNamespace(NS).withName("burner").withGracePeriod(0).delete();
        await("the deleted pod leaves the summary").atMost(DEADLINE).pollInterval(Duration.ofMillis(200))
                .until(() -> podIn(summary(), "burner").isEmpty());
    }
}
