package dev.skiff.controllers.testing;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * A namespace of a test class's own, emptied after each test: Deployments first, then
 * ReplicaSets, then pods (there is no garbage collector in these tests), waiting until all are gone.
 */
public final class TestNamespace {

    private final KubernetesClient client;
    private final String name;

    public TestNamespace(KubernetesClient client, String name) {
        this.client = client;
        this.name = name;
        if (client.namespaces().withName(name).get() == null) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        }
    }

    public String name() {
        return name;
    }

    /** Deletes every Deployment, ReplicaSet and pod of the namespace and waits until they are gone. */
    public void clear() {
        client.apps().deployments().inNamespace(name).withGracePeriod(0).delete();
        client.apps().replicaSets().inNamespace(name).withGracePeriod(0).delete();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            client.pods().inNamespace(name).withGracePeriod(0).delete();
            if (!client.apps().deployments().inNamespace(name).list().getItems().isEmpty()
                    || !client.apps().replicaSets().inNamespace(name).list().getItems().isEmpty()
                    || !client.pods().inNamespace(name).list().getItems().isEmpty()) {
                throw new AssertionError("namespace " + name + " still has workloads");
            }
        });
    }
}
