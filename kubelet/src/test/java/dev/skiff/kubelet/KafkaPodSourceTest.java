package dev.skiff.kubelet;

import dev.skiff.informer.ApiClient;
import dev.skiff.informer.testing.ApiServerProcess;
import dev.skiff.kubelet.pod.PodLabels;
import dev.skiff.kafka.testing.KafkaBroker;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cluster mode: the kubelet reads its pods from its partition of the pods-by-node topic that the
 * api-server's relay fills, not from the api-server's watch, and still runs them, and stops them.
 */
@Timeout(240)
class KafkaPodSourceTest {

    private static final String NODE = "kafka-node";
    private static final String NS = "kafka-pods";
    private static final int PARTITIONS = 8;
    private static KafkaBroker kafka;
    private static ApiServerProcess apiServer;
    private static KubernetesClient client;
    private static TestKubelet kubelet;

    @BeforeAll
    static void start() throws Exception {
        TestCluster.start();
        kafka = KafkaBroker.start();
        apiServer = ApiServerProcess.start(Map.of(
                "SKIFF_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "SKIFF_KAFKA_PODS_BY_NODE_PARTITIONS", Integer.toString(PARTITIONS)));
        client = ApiClient.connect(apiServer.url(), "skiff-test");
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
        kubelet = TestKubelet.start(NODE, Map.of(
                "skiff.kubelet.api-server", apiServer.url(),
                "skiff.kubelet.kafka.bootstrap-servers", kafka.bootstrapServers(),
                "skiff.kubelet.kafka.pods-by-node-partitions", Integer.toString(PARTITIONS)));
    }

    @AfterAll
    static void stop() {
        kubelet.close();
        TestKubelet.removeContainersOf(NODE);
        client.close();
        apiServer.close();
        kafka.close();
    }

    @Test
    void runsAndStopsPodsItReadsFromKafka() {
        Pod pod = TestPods.pod(NS, "from-kafka", NODE, "sleep 3600").build();
        client.pods().inNamespace(NS).resource(pod).create();
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            Pod current = client.pods().inNamespace(NS).withName("from-kafka").get();
            return current.getStatus() != null && "Running".equals(current.getStatus().getPhase());
        });
        assertThat(client.pods().inNamespace(NS).withName("from-kafka").get().getStatus().getPodIP()).isNotBlank();

        client.pods().inNamespace(NS).withName("from-kafka").delete();
        await().atMost(Duration.ofSeconds(60)).until(() -> client.pods().inNamespace(NS).withName("from-kafka").get() == null);
        assertThat(TestCluster.docker().listContainers(Map.of(PodLabels.NODE, NODE))).isEmpty();
    }
}
