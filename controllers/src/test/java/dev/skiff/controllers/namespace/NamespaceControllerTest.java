package dev.skiff.controllers.namespace;

import dev.skiff.controllers.ControllerManager;
import dev.skiff.controllers.testing.ApiServerResource;
import dev.skiff.controllers.testing.ManagerRole;
import dev.skiff.informer.ApiClient;
import dev.skiff.testing.Kubectl;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceCondition;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Map;

import static dev.skiff.controllers.testing.OwnedObjects.boundPod;
import static dev.skiff.controllers.testing.OwnedObjects.configMap;
import static dev.skiff.controllers.testing.OwnedObjects.controllerRef;
import static dev.skiff.controllers.testing.OwnedObjects.deployment;
import static dev.skiff.controllers.testing.OwnedObjects.pod;
import static dev.skiff.controllers.testing.OwnedObjects.replicaSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The namespace controller against a real api-server, driven by the real kubectl's
 * {@code delete namespace}: the content goes, then the namespace; a pod on a node keeps the
 * namespace Terminating until its "kubelet" (the test) removes it.
 */
@QuarkusTest
@QuarkusTestResource(ApiServerResource.class)
@Timeout(120)
class NamespaceControllerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ControllerManager manager;

    @ConfigProperty(name = "skiff.controllers.api-server")
    String apiServer;

    private KubernetesClient client;
    private Kubectl kubectl;

    @BeforeEach
    void connect() throws Exception {
        ManagerRole.awaitLeading(manager);
        client = ApiClient.connect(apiServer, "skiff-test");
        kubectl = Kubectl.forServer(apiServer);
    }

    @AfterEach
    void disconnect() throws Exception {
        kubectl.close();
        client.close();
    }

    @Test
    void deletingANamespaceDeletesEverythingInItThenTheNamespace() throws Exception {
        String ns = "ns-emptied";
        createNamespace(ns);
        create(configMap(ns, "settings"));
        create(new SecretBuilder().withNewMetadata().withNamespace(ns).withName("token").endMetadata()
                .withStringData(Map.of("token", "s3cr3t")).build());
        create(new ServiceBuilder().withNewMetadata().withNamespace(ns).withName("web").endMetadata()
                .withNewSpec().withSelector(Map.of("app", "web")).addNewPort().withPort(80).endPort().endSpec().build());
        create(new ServiceBuilder().withNewMetadata().withNamespace(ns).withName("external").endMetadata()
                .withNewSpec().addNewPort().withPort(5432).endPort().endSpec().build());
        create(new EndpointsBuilder().withNewMetadata().withNamespace(ns).withName("external").endMetadata()
                .addNewSubset().addNewAddress().withIp("192.0.2.10").endAddress().addNewPort().withPort(5432).endPort().endSubset()
                .build());
        var web = create(deployment(ns, "web"));
        ReplicaSet rs = create(replicaSet(ns, "web-1", "web", controllerRef(web)));
        create(pod(ns, "web-1-a", "web", controllerRef(rs)));
        create(pod(ns, "loner", "loner"));

        Kubectl.Result result = kubectl.run("delete", "namespace", ns, "--wait=false");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("namespace \"" + ns + "\" deleted");
        await().atMost(WAIT).until(() -> client.namespaces().withName(ns).get() == null);
        assertThat(client.configMaps().inNamespace(ns).list().getItems()).isEmpty();
        assertThat(client.secrets().inNamespace(ns).list().getItems()).isEmpty();
        assertThat(client.services().inNamespace(ns).list().getItems()).isEmpty();
        assertThat(client.endpoints().inNamespace(ns).list().getItems()).isEmpty();
        assertThat(client.apps().deployments().inNamespace(ns).list().getItems()).isEmpty();
        assertThat(client.apps().replicaSets().inNamespace(ns).list().getItems()).isEmpty();
        assertThat(client.pods().inNamespace(ns).list().getItems()).isEmpty();
        assertThat(kubectl.run("get", "namespace", ns).stderr()).contains("NotFound");
    }

    @Test
    void aPodOnANodeKeepsTheNamespaceTerminatingUntilItsKubeletRemovesIt() throws Exception {
        String ns = "ns-held";
        createNamespace(ns);
        create(boundPod(ns, "worker", "worker", "node-a"));
        create(configMap(ns, "settings"));

        Kubectl.Result result = kubectl.run("delete", "namespace", ns, "--wait=false");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        await().atMost(WAIT).untilAsserted(() -> {
            Namespace terminating = client.namespaces().withName(ns).get();
            assertThat(terminating.getStatus().getPhase()).isEqualTo("Terminating");
            assertThat(terminating.getStatus().getConditions()).filteredOn(c -> c.getType().equals("NamespaceContentRemaining"))
                    .singleElement().satisfies(c -> {
                        assertThat(c.getStatus()).isEqualTo("True");
                        assertThat(c.getReason()).isEqualTo("SomeResourcesRemain");
                        assertThat(c.getMessage()).isEqualTo("Some resources are remaining: pods. has 1 resource instances");
                    });
        });
        assertThat(client.configMaps().inNamespace(ns).list().getItems()).isEmpty();
        assertThat(client.pods().inNamespace(ns).withName("worker").get().getMetadata().getDeletionTimestamp()).isNotNull();
        assertThat(client.namespaces().withName(ns).get().getStatus().getConditions())
                .extracting(NamespaceCondition::getType).contains("NamespaceDeletionContentFailure", "NamespaceFinalizersRemaining");
        Kubectl.Result again = kubectl.run("delete", "namespace", ns, "--wait=false");
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.stderr()).contains("The system is ensuring all content is removed from this namespace");

        // the kubelet has stopped the containers: it removes the pod for good
        client.pods().inNamespace(ns).withName("worker").withGracePeriod(0).delete();

        await().atMost(WAIT).until(() -> client.namespaces().withName(ns).get() == null);
    }

    private void createNamespace(String name) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
    }

    private <T extends HasMetadata> T create(T object) {
        return client.resource(object).create();
    }
}
