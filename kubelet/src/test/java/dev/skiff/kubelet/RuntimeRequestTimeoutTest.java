package dev.skiff.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skiff.runtime.testing.StallingEngine;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code skiff.kubelet.runtime-request-timeout} bounds the kubelet's calls to its engine; an engine
 * that does not answer leaves the node NotReady, as in Kubernetes, rather than the kubelet down,
 * and the node turns Ready once the engine answers.
 */
@Timeout(90)
class RuntimeRequestTimeoutTest {

    private static final String NODE = "runtime-request-timeout";

    @TempDir
    Path directory;

    @BeforeAll
    static void startCluster() throws Exception {
        TestCluster.start();
    }

    @Test
    void aNodeWhoseEngineStopsAnsweringIsNotReadyAfterTheTimeoutAndReadyWhenItAnswersAgain() throws Exception {
        try (StallingEngine engine = StallingEngine.listenIn(directory);
             TestKubelet kubelet = TestKubelet.start(NODE, Map.of(
                     "skiff.kubelet.docker-host", engine.host().toString(),
                     "skiff.kubelet.runtime-request-timeout", "500ms"))) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ready(node()))
                    .satisfies(ready -> assertThat(ready.getStatus()).isEqualTo("False"))
                    .extracting(NodeCondition::getMessage).asString()
                    .startsWith("container runtime is down: ")
                    .contains("on the Docker engine at " + engine.host())
                    .contains("no answer within 500 ms"));
            assertThat(node().getStatus().getNodeInfo().getContainerRuntimeVersion()).isEmpty();

            engine.recover();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Node node = node();
                assertThat(ready(node).getStatus()).isEqualTo("True");
                assertThat(node.getStatus().getNodeInfo().getContainerRuntimeVersion()).startsWith("docker://");
            });
        } finally {
            TestCluster.client().nodes().withName(NODE).delete();
        }
    }

    private static Node node() {
        Node node = TestCluster.client().nodes().withName(NODE).get();
        assertThat(node).as("node " + NODE).isNotNull();
        return node;
    }

    private static NodeCondition ready(Node node) {
        return node.getStatus().getConditions().stream().filter(c -> c.getType().equals("Ready")).findFirst()
                .orElseThrow(() -> new AssertionError("node " + NODE + " has no Ready condition"));
    }
}
