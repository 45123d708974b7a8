package dev.skiff.kubelet;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A kubelet registers its Node with what the machine has, heartbeats through its Lease and serves /healthz and /pods. */
@Timeout(120)
class NodeRegistrationTest {

    private static final String NODE = "node-registration";
    private static TestKubelet kubelet;

    @BeforeAll
    static void start() throws Exception {
        TestCluster.start();
        kubelet = TestKubelet.start(NODE);
    }

    @AfterAll
    static void stop() {
        kubelet.close();
    }

    @Test
    void registersTheNodeWithCapacityAddressesAndInfo() {
        Node node = TestCluster.client().nodes().withName(NODE).get();
        assertThat(node.getMetadata().getLabels())
                .containsEntry("kubernetes.io/hostname", NODE)
                .containsEntry("kubernetes.io/os", "linux")
                .containsKey("kubernetes.io/arch");
        var status = node.getStatus();
        assertThat(status.getCapacity().get("cpu").getNumericalAmount().intValue()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(status.getCapacity().get("memory").getNumericalAmount().longValue()).isGreaterThan(0);
        assertThat(status.getCapacity().get("pods").getAmount()).isEqualTo("110");
        assertThat(status.getAllocatable()).containsKeys("cpu", "memory", "pods", "ephemeral-storage");
        assertThat(status.getAddresses()).anySatisfy(a -> {
            assertThat(a.getType()).isEqualTo("InternalIP");
            assertThat(a.getAddress()).isEqualTo("127.0.0.1");
        });
        assertThat(status.getDaemonEndpoints().getKubeletEndpoint().getPort()).isEqualTo(Integer.parseInt(kubelet.url().replaceAll(".*:", "")));
        assertThat(status.getNodeInfo().getContainerRuntimeVersion()).startsWith("docker://");
        assertThat(status.getNodeInfo().getKubeletVersion()).startsWith("v1.");
        assertThat(status.getNodeInfo().getOperatingSystem()).isEqualTo("linux");
        assertThat(status.getConditions()).extracting(NodeCondition::getType)
                .containsExactlyInAnyOrder("Ready", "MemoryPressure", "DiskPressure", "PIDPressure");
        assertThat(status.getConditions()).filteredOn(c -> c.getType().equals("Ready"))
                .singleElement().satisfies(c -> assertThat(c.getStatus()).isEqualTo("True"));
        // a test machine runs a few hundred processes at most, far from 90 % of pid_max
        assertThat(status.getConditions()).filteredOn(c -> c.getType().equals("PIDPressure"))
                .singleElement().satisfies(c -> assertThat(c.getStatus()).isEqualTo("False"));
    }

    @Test
    void renewsItsLease() {
        await().atMost(Duration.ofSeconds(20)).until(() -> TestCluster.client().leases().inNamespace("kube-node-lease").withName(NODE).get() != null);
        Lease first = TestCluster.client().leases().inNamespace("kube-node-lease").withName(NODE).get();
        assertThat(first.getSpec().getHolderIdentity()).isEqualTo(NODE);
        assertThat(first.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> assertThat(o.getKind()).isEqualTo("Node"));
        ZonedDateTime renewed = first.getSpec().getRenewTime();
        await().atMost(Duration.ofSeconds(20)).until(() -> TestCluster.client().leases().inNamespace("kube-node-lease")
                .withName(NODE).get().getSpec().getRenewTime().isAfter(renewed));
    }

    @Test
    void postsItsConditionsAgainWhenTheNodeLifecycleControllerMarkedThemUnknown() {
        await().atMost(Duration.ofSeconds(20)).until(() -> ready(TestCluster.client().nodes().withName(NODE).get()).equals("True"));
        TestCluster.client().nodes().withName(NODE).editStatus(node -> {
            node.getStatus().getConditions().forEach(c -> {
                c.setStatus("Unknown");
                c.setReason("NodeStatusUnknown");
                c.setMessage("Kubelet stopped posting node status.");
            });
            return node;
        });
        // well before node-status-report-frequency (1m): at the next status check (1 s)
        await().atMost(Duration.ofSeconds(10)).until(() -> ready(TestCluster.client().nodes().withName(NODE).get()).equals("True"));
    }

    private static String ready(Node node) {
        return node.getStatus().getConditions().stream().filter(c -> c.getType().equals("Ready")).findFirst()
                .map(NodeCondition::getStatus).orElse("");
    }

    @Test
    void servesHealthAndItsPods() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(20)).until(kubelet::synced);
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(kubelet.url() + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("ok");
        HttpResponse<String> pods = http.send(HttpRequest.newBuilder(URI.create(kubelet.url() + "/pods")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(pods.statusCode()).isEqualTo(200);
        assertThat(pods.body()).contains("\"kind\":\"PodList\"");
    }
}
