package dev.skiff.controllers.endpoints;

import dev.skiff.controllers.ControllerManager;
import dev.skiff.controllers.testing.ApiServerResource;
import dev.skiff.controllers.testing.ManagerRole;
import dev.skiff.controllers.testing.TestNamespace;
import dev.skiff.informer.ApiClient;
import dev.skiff.testing.Kubectl;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.skiff.controllers.endpoints.EndpointsFixtures.ips;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The endpoints controller against a real api-server; the test plays the kubelet, giving pods an
 * IP and a Ready condition through the status subresource.
 */
@QuarkusTest
@QuarkusTestResource(ApiServerResource.class)
@Timeout(120)
class EndpointsControllerTest {

    private static final String NS = "endpoints-test";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ControllerManager manager;

    @ConfigProperty(name = "skiff.controllers.api-server")
    String apiServer;

    private KubernetesClient client;

    @BeforeEach
    void connect() {
        ManagerRole.awaitLeading(manager);
        client = ApiClient.connect(apiServer, "skiff-test");
        TestNamespace.ensure(client, NS);
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @AfterAll
    static void deleteNamespace() {
        TestNamespace.delete(NS);
    }

    @Test
    void endpointsFollowTheSelectedPodsAndTheirReadiness() throws Exception {
        client.resource(new ServiceBuilder()
                .withNewMetadata().withNamespace(NS).withName("web").withLabels(Map.of("tier", "front")).endMetadata()
                .withNewSpec().withSelector(Map.of("app", "web"))
                    .addNewPort().withName("http").withPort(80).withTargetPort(new IntOrString("http")).endPort()
                .endSpec().build()).create();
        createPod("web-1", "web", 8080);
        createPod("web-2", "web", 8081);
        createPod("other", "other", 8080);
        runPod("web-1", "10.1.0.1", true);
        runPod("web-2", "10.1.0.2", false);
        runPod("other", "10.1.0.3", true);

        await().atMost(WAIT).untilAsserted(() -> {
            Endpoints endpoints = endpoints("web");
            assertThat(endpoints.getMetadata().getLabels()).isEqualTo(Map.of("tier", "front"));
            assertThat(endpoints.getSubsets()).hasSize(2);
            assertThat(subsetWithPort(endpoints, 8080).getAddresses()).singleElement().satisfies(a -> {
                assertThat(a.getIp()).isEqualTo("10.1.0.1");
                assertThat(a.getNodeName()).isEqualTo("node-a");
                assertThat(a.getTargetRef().getKind()).isEqualTo("Pod");
                assertThat(a.getTargetRef().getName()).isEqualTo("web-1");
                assertThat(a.getTargetRef().getUid()).isEqualTo(client.pods().inNamespace(NS).withName("web-1").get().getMetadata().getUid());
            });
            assertThat(ips(subsetWithPort(endpoints, 8081).getNotReadyAddresses())).containsExactly("10.1.0.2");
        });

        runPod("web-2", "10.1.0.2", true);
        await().atMost(WAIT).untilAsserted(() -> assertThat(ips(subsetWithPort(endpoints("web"), 8081).getAddresses()))
                .containsExactly("10.1.0.2"));

        client.pods().inNamespace(NS).withName("web-1").withGracePeriod(0).delete();
        await().atMost(WAIT).untilAsserted(() -> assertThat(endpoints("web").getSubsets()).singleElement()
                .satisfies(s -> assertThat(ips(s.getAddresses())).containsExactly("10.1.0.2")));

        // kubectl shows the endpoints the controller keeps
        try (Kubectl kubectl = Kubectl.forServer(apiServer)) {
            Kubectl.Result result = kubectl.run("-n", NS, "get", "endpoints", "web", "--no-headers");
            assertThat(result.stdout()).as(result.toString()).contains("10.1.0.2:8081");
        }

        client.services().inNamespace(NS).withName("web").delete();
        await().atMost(WAIT).until(() -> client.endpoints().inNamespace(NS).withName("web").get() == null);
    }

    @Test
    void endpointsWithoutASelectorAreTheUsersAndUnchangedOnesAreNotRewritten() {
        client.resource(new ServiceBuilder().withNewMetadata().withNamespace(NS).withName("manual").endMetadata()
                .withNewSpec().addNewPort().withPort(5432).endPort().endSpec().build()).create();
        Endpoints manual = client.resource(new EndpointsBuilder().withNewMetadata().withNamespace(NS).withName("manual").endMetadata()
                .addNewSubset().addNewAddress().withIp("192.0.2.10").endAddress().addNewPort().withPort(5432).endPort().endSubset()
                .build()).create();
        client.resource(new ServiceBuilder().withNewMetadata().withNamespace(NS).withName("steady").endMetadata()
                .withNewSpec().withSelector(Map.of("app", "steady")).addNewPort().withPort(80).withTargetPort(new IntOrString(8080)).endPort()
                .endSpec().build()).create();
        createPod("steady-1", "steady", 8080);
        runPod("steady-1", "10.2.0.1", true);
        await().atMost(WAIT).until(() -> client.endpoints().inNamespace(NS).withName("steady").get() != null
                && !client.endpoints().inNamespace(NS).withName("steady").get().getSubsets().isEmpty());
        String steadyVersion = endpoints("steady").getMetadata().getResourceVersion();

        // changes that leave the endpoints as they are: a label on the manual service, an annotation on the pod
        client.services().inNamespace(NS).withName("manual").edit(s -> new ServiceBuilder(s).editMetadata()
                .addToLabels("touched", "yes").endMetadata().build());
        client.pods().inNamespace(NS).withName("steady-1").edit(p -> new PodBuilder(p).editMetadata()
                .addToAnnotations("touched", "yes").endMetadata().build());
        // a later change the controller must act on, so that the ones above were seen first
        createPod("steady-2", "steady", 8080);
        runPod("steady-2", "10.2.0.2", true);
        await().atMost(WAIT).untilAsserted(() -> assertThat(ips(endpoints("steady").getSubsets().get(0).getAddresses()))
                .containsExactly("10.2.0.1", "10.2.0.2"));

        assertThat(endpoints("manual").getMetadata().getResourceVersion()).isEqualTo(manual.getMetadata().getResourceVersion());
        assertThat(endpoints("steady").getMetadata().getResourceVersion()).isNotEqualTo(steadyVersion);
        client.pods().inNamespace(NS).withName("steady-2").withGracePeriod(0).delete();
        await().atMost(WAIT).untilAsserted(() -> assertThat(ips(endpoints("steady").getSubsets().get(0).getAddresses()))
                .containsExactly("10.2.0.1"));
        String settledVersion = endpoints("steady").getMetadata().getResourceVersion();
        client.pods().inNamespace(NS).withName("steady-1").edit(p -> new PodBuilder(p).editMetadata()
                .addToAnnotations("touched", "again").endMetadata().build());
        client.services().inNamespace(NS).withName("manual").delete();
        await().atMost(WAIT).until(() -> client.endpoints().inNamespace(NS).withName("manual").get() == null);
        assertThat(endpoints("steady").getMetadata().getResourceVersion()).isEqualTo(settledVersion);
    }

    @Test
    void endpointsDeletedByHandAreWrittenAgain() {
        client.resource(new ServiceBuilder().withNewMetadata().withNamespace(NS).withName("sticky").endMetadata()
                .withNewSpec().withSelector(Map.of("app", "sticky")).addNewPort().withPort(80).endPort().endSpec().build()).create();
        createPod("sticky-1", "sticky", 80);
        runPod("sticky-1", "10.3.0.1", true);
        await().atMost(WAIT).until(() -> client.endpoints().inNamespace(NS).withName("sticky").get() != null
                && client.endpoints().inNamespace(NS).withName("sticky").get().getSubsets().size() == 1);
        String uid = endpoints("sticky").getMetadata().getUid();

        client.endpoints().inNamespace(NS).withName("sticky").delete();

        await().atMost(WAIT).untilAsserted(() -> {
            Endpoints again = endpoints("sticky");
            assertThat(again.getMetadata().getUid()).isNotEqualTo(uid);
            assertThat(ips(again.getSubsets().get(0).getAddresses())).containsExactly("10.3.0.1");
        });
    }

    private Endpoints endpoints(String name) {
        Endpoints endpoints = client.endpoints().inNamespace(NS).withName(name).get();
        assertThat(endpoints).as("endpoints " + name).isNotNull();
        return endpoints;
    }

    private static EndpointSubset subsetWithPort(Endpoints endpoints, int port) {
        return endpoints.getSubsets().stream()
                .filter(s -> s.getPorts().stream().map(EndpointPort::getPort).toList().equals(List.of(port)))
                .findFirst().orElseThrow(() -> new AssertionError("no subset with port " + port + " in " + endpoints.getSubsets()));
    }

    private void createPod(String name, String app, int containerPort) {
        client.resource(new PodBuilder()
                .withNewMetadata().withNamespace(NS).withName(name).withLabels(Map.of("app", app)).endMetadata()
                .withNewSpec().withNodeName("node-a")
                    .addNewContainer().withName("main").withImage("busybox")
                        .withPorts(new ContainerPortBuilder().withName("http").withContainerPort(containerPort).build())
                    .endContainer()
                .endSpec().build()).create();
    }

    /** What a kubelet reports for a running pod. */
    private void runPod(String name, String ip, boolean ready) {
        Pod pod = client.pods().inNamespace(NS).withName(name).get();
        client.pods().inNamespace(NS).resource(new PodBuilder(pod).editOrNewStatus()
                .withPhase("Running").withPodIP(ip)
                .withConditions()
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .endStatus().build()).updateStatus();
    }
}
